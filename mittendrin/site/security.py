"""The Content-Security-Policy and the other security headers, defined once for the pages' <meta> tag and _headers."""

from __future__ import annotations

# Only our own files: scripts, styles and the search index come from the site itself, nothing from a third party.
# Pagefind compiles its WebAssembly ('wasm-unsafe-eval') and may start a worker from a blob: URL.
_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "worker-src": "'self' blob:",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self' mailto:",  # the barrier report opens the visitor's e-mail program
}
# Browsers ignore frame-ancestors in a <meta> tag (and log a warning), so it is only sent as a real header.
_HEADER_ONLY = {"frame-ancestors": "'none'"}


def content_security_policy(as_header: bool = False) -> str:
    """The policy as written into every page's <meta http-equiv>, or, with as_header, as the HTTP header value."""
    policy = {**_POLICY, **_HEADER_ONLY} if as_header else _POLICY
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def security_headers() -> dict[str, str]:
    """The headers a host should send with every file of the site (documented in docs/security.md)."""
    return {
        "Content-Security-Policy": content_security_policy(as_header=True),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def headers_file(base_path: str) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages and others) that sends the security headers for the whole site."""
    lines = [f"{base_path}*"] + [f"  {name}: {value}" for name, value in security_headers().items()]
    return "\n".join(lines) + "\n"
