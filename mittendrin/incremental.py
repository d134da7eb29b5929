"""Remembers the last build so the next one redoes only what changed, and can never serve a stale page.

Everything is keyed by content hashes. The build key covers every input that is not an offer file: Mittendrin's
code, the templates, the assets, the rest of the content folder (text pages), the config, the build date, the
Pagefind version and whether the PDF is printed. When it differs, nothing is reused. Otherwise an offer file whose
bytes (and displayed name) are unchanged keeps its validation result, and a page whose inputs (template, path, title
and context, see PageKeys) are unchanged is hard-linked from the published site into the staging folder instead of
being rendered again. Pages are always written as new files, never through a link, so the published site is never
touched before the swap.
The cache lives beside the output folder (".site-cache" for "site") and is only trusted for the exact published
site it was saved with.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import Config
from .keywords import compound_parts, updated_parts
from .load import offer_files
from .model import Offer
from .pages import OfferView, Page, Plan, Prepared, known_nouns, prepare, with_keywords
from .problems import Problem
from .publish import link_tree

CODE = Path(__file__).resolve().parent
Checked = tuple[Offer | None, list[Problem]]


@dataclass
class Memory:
    """What one build leaves for the next: per offer file its hash and result, per page its key."""

    key: str = ""
    site_inode: int = -1  # of the published site's index.html: proves the site is the one built with this memory
    offers: dict[str, tuple[str, Checked]] = field(default_factory=dict)  # display name → (file hash, result)
    pages: dict[str, str] = field(default_factory=dict)  # page path → page key
    indexed: dict[str, str] = field(default_factory=dict)  # the pages Pagefind indexed → their keys
    prepared: dict[str, Prepared] = field(default_factory=dict)  # file hash → prepared offer, keywords for `known`
    known: frozenset[str] = frozenset()  # the nouns search keywords were taken from
    plan: Plan | None = None  # kept so that a build with nothing to do need not plan again
    index_follows: bool = False  # the pages went out, the search index for them did not (yet)


class BuildCache:
    """The previous build's memory (empty when it cannot be trusted) and the one this build collects."""

    def __init__(self, out: Path, key: str) -> None:
        self.out = out
        self.file = out.parent / f".{out.name}-cache" / "memory.pickle"
        self.previous = self._recall(key)
        self.now = Memory(key=key)

    @classmethod
    def open(cls, out: Path, config: Config, today: dt.date, folders: Iterable[Path], pdf: bool) -> BuildCache:
        """The cache for building into `out` from `folders` (templates, assets, content); `pdf`: the booklet too."""
        return cls(out, build_key(config, today, folders, f"pdf={pdf}"))

    def checked(self, files: Sequence[tuple[Path, str]], check: Callable[[list], list[Checked]]) -> list[Checked]:
        """Results for every (path, display name): remembered ones where the file is unchanged, `check` for the rest."""
        hashes = [_hash(name.encode(), path.read_bytes()) for path, name in files]
        results: list[Checked | None] = []
        todo = []
        for (path, name), digest in zip(files, hashes, strict=True):
            known = self.previous.offers.get(name)
            results.append(known[1] if known and known[0] == digest else None)
            if results[-1] is None:
                todo.append((path, name))
        fresh = iter(check(todo)) if todo else iter(())
        results = [result if result is not None else next(fresh) for result in results]
        self.now.offers = {
            name: (digest, result) for (_, name), digest, result in zip(files, hashes, results, strict=True)
        }
        return results  # type: ignore[return-value]

    def prepare_views(self, offers: Sequence[Offer], config: Config, today: dt.date) -> list[OfferView | None]:
        """pages.prepare_views, taking each unchanged offer's view from the last build: only its keywords are brought
        up to date when the directory's nouns changed."""
        digests = self._digests()
        prepared = []
        for offer in offers:
            digest = digests.get(offer.source, "")
            remembered = self.previous.prepared.get(digest)
            prepared.append((remembered, remembered or prepare(offer, config, today)))
        known = known_nouns((p for _, p in prepared), config)
        added, removed = known - self.previous.known, self.previous.known - known
        views: list[OfferView | None] = []
        for offer, (remembered, fresh) in zip(offers, prepared, strict=True):
            view = fresh.view
            if view is not None:
                if remembered:
                    parts = updated_parts(tuple(view.keywords.split()), fresh.text, added, removed)
                else:
                    parts = compound_parts(fresh.text, known)
                if " ".join(parts) != view.keywords:
                    view = with_keywords(view, parts)
                    fresh = Prepared(view, fresh.text, fresh.nouns)
            if offer.source in digests:
                self.now.prepared[digests[offer.source]] = fresh
            views.append(view)
        self.now.known = known
        return views

    def _digests(self) -> dict[str, str]:
        return {name: digest for name, (digest, _) in self.now.offers.items()}

    def current_plan(self) -> Plan | None:
        """The published site's plan when this build would write exactly that site: same inputs, same files."""
        same_files = {n: d for n, (d, _) in self.previous.offers.items()} == {
            n: d for n, (d, _) in self.now.offers.items()
        }
        return self.previous.plan if same_files and not self.previous.index_follows else None

    def pages_to_render(self, pages: Iterable[Page], staging: Path) -> list[Page]:
        """Link every unchanged page from the published site into staging; the rest must be rendered."""
        keys = PageKeys(self._digests())
        todo = []
        for page in pages:
            key = keys.key(page)
            self.now.pages[page.path] = key
            if self.previous.pages.get(page.path) != key or not _link(page.file(self.out), page.file(staging)):
                todo.append(page)
            elif page.path in self.previous.indexed:
                self.now.indexed[page.path] = key
        return todo

    def rendered(self, pages: Sequence[Page], indexed: Sequence[bool]) -> None:
        """Note which freshly rendered pages Pagefind will index."""
        for page, is_indexed in zip(pages, indexed, strict=True):
            if is_indexed:
                self.now.indexed[page.path] = self.now.pages[page.path]

    def reuse_search_index(self, staging: Path, folder: str = "pagefind") -> bool:
        """Link the previous Pagefind index when it indexed exactly these pages; Pagefind's own output varies per
        run, so this also keeps unchanged rebuilds byte-identical."""
        if not self.now.indexed or self.now.indexed != self.previous.indexed or not (self.out / folder).is_dir():
            return False
        link_tree(self.out / folder, staging / folder)
        return True

    def has_published_index(self) -> bool:
        """Whether the published site, built with this memory, has a search index to show until a new one is built."""
        return bool(self.previous.indexed) and (self.out / "pagefind" / "pagefind.js").is_file()

    def save(self, plan: Plan, index_published: bool = True) -> None:
        """Store this build's memory once its site is published (a failed build leaves the previous one); without
        `index_published`, the site went out with the previous search index, which is remembered instead."""
        self.now.plan = plan
        self.now.site_inode = (self.out / "index.html").stat().st_ino
        memory = self.now if index_published else replace(self.now, indexed=self.previous.indexed, index_follows=True)
        self.file.parent.mkdir(exist_ok=True)
        temporary = self.file.with_suffix(".neu")
        try:
            with temporary.open("wb") as stream:
                pickle.dump(self.now.key, stream)
                pickle.dump(memory, stream, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            # A page context that cannot be stored (say, a function) must not fail a published build: the next
            # build is simply a full one.
            temporary.unlink()
            self.file.unlink(missing_ok=True)
            return
        os.replace(temporary, self.file)

    def _recall(self, key: str) -> Memory:
        gc.disable()  # the cyclic collector would walk the growing object graph again and again: 3× slower
        try:
            with self.file.open("rb") as stream:
                if pickle.load(stream) != key:  # the key comes first: a memory from other code is never unpickled
                    return Memory()
                memory = pickle.load(stream)
            if (self.out / "index.html").stat().st_ino != memory.site_inode:
                return Memory()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return Memory()
        finally:
            gc.enable()
        return memory


def build_key(config: Config, today: dt.date, folders: Iterable[Path], *extra: str) -> str:
    """A hash of every input of the build except the offer files, which are known one by one."""
    parts = [repr(config).encode(), today.isoformat().encode(), importlib.metadata.version("pagefind").encode()]
    parts += [text.encode() for text in extra]
    for folder in (CODE, *folders):
        offers = {str(path.relative_to(folder)) for path in offer_files(folder)}
        found = []
        for parent, subfolders, files in os.walk(folder):
            subfolders[:] = [d for d in subfolders if d != "__pycache__"]
            relative = os.path.relpath(parent, folder)
            found += [os.path.normpath(os.path.join(relative, name)) for name in files]
        for name in sorted(set(found) - offers):
            if (folder / name).is_file():  # not a broken link
                parts += [name.encode(), (folder / name).read_bytes()]
    return _hash(*parts)


class PageKeys:
    """Hashes of everything a page shows. An offer is stood in for by its file's hash (the Offer derives from the
    file alone); a view by that hash and its search keywords, the one field that depends on other offers too.
    Anything else is written out by repr(): a repr that differs per run costs a rebuild, never staleness."""

    def __init__(self, digests: dict[str, str]) -> None:
        self.digests = digests
        self.views: dict[int, str] = {}  # listings share views: each is written out once

    def key(self, page: Page) -> str:
        parts: list[str] = [page.template, page.path, page.title]
        self._add(page.context, parts)
        # One hash over length-prefixed parts: hashing each of a listing's 10,000 small parts apart costs seconds.
        return _hash("".join(f"{len(part)}:{part}" for part in parts).encode())

    def _add(self, value: object, parts: list[str]) -> None:
        if isinstance(value, OfferView):
            parts.append(self.views.get(id(value)) or self._view(value))
        elif isinstance(value, Offer):
            parts.append(self.digests.get(value.source) or repr(value))
        elif isinstance(value, dict | list | tuple) and (plain := _as_json(value)) is not None:
            parts.append(plain)  # plain data such as an offer's JSON-LD: one C call instead of a walk
        elif isinstance(value, dict):
            for name, item in sorted(value.items(), key=lambda pair: repr(pair[0])):
                parts.append(f"{name!r}=")
                self._add(item, parts)
        elif isinstance(value, list | tuple):
            parts.append("[")
            for item in value:
                if isinstance(item, OfferView):  # a listing's offers: the common case, taken without a call
                    parts.append(self.views.get(id(item)) or self._view(item))
                else:
                    self._add(item, parts)
            parts.append("]")
        else:
            parts.append(repr(value))

    def _view(self, view: OfferView) -> str:
        # Everything else in a view follows from the offer file, the config and the date (all in the build key).
        digest = self.digests.get(view.offer.source)
        text = f"{digest} {view.keywords}" if digest else repr(view)
        self.views[id(view)] = text
        return text


def _as_json(value: object) -> str | None:
    """Plain data (strings, numbers, lists, dicts with string keys) as JSON; None for anything else."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return None


def _link(source: Path, target: Path) -> bool:
    """Hard-link a published file into staging; False when it is not there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    return True


def _hash(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()
