"""Reading and checking the offer files and text pages: every problem with file, line and a fix."""
