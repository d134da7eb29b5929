"""The story of a build, its cache, the programs it runs (Pagefind, Chromium) and the atomic publish."""
