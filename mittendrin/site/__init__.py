"""Which pages the site has and what each shows, rendered with Jinja: templates only print."""
