"""Remembers the last build so the next one redoes only what changed, and can never serve a stale page.

Everything is keyed by content hashes. The build key covers every input that is not an offer file: Mittendrin's
code, the templates, the assets, the rest of the content folder (text pages), the config, the Pagefind version and
whether the PDF is printed. When it differs, nothing is reused. Otherwise an offer file whose bytes (and displayed
name) are unchanged keeps its validation result as long as that result holds (a check such as "not confirmed for a
year" compares with the build date, so validation says until when its answer stands), and a page whose inputs
(template, path, title and context, written out exactly by PageKeys) are unchanged is hard-linked from the
published site into the staging folder instead of being rendered again. The build date is not in the key: pages show dates, and a page
depends on the date only through what it shows (an offer's next dates, a day's list), so a rebuild on the next day
renders again only the pages whose dates changed. Likewise an offer's view and open data are kept by its file's hash
and its pages.date_key (all they read of the date), so the next day works out again only the offers whose dates
moved on. Pages are always written as new files, never through a link, so
the published site is never touched before the swap.
The cache lives beside the output folder (".site-cache" for "site") and is only trusted for the exact published
site it was saved with, which its file SITE_ID names. Its file holds the build key, then a small fingerprint (file hashes, warnings, counts) that
answers a build with nothing to do on its own, then the memory of offers, views, page keys and rendered fragments
that a build with work to do reads. Each offer's share of the open data sits in a file of its own (OPEN_DATA_FILE),
read only after an edit's pages are out: it is as big as the rest of the memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from mittendrin.build.parallel import give_back_free_memory, run_in_parts
from mittendrin.build.publish import link_tree, start_from_spare
from mittendrin.content.load import offer_names
from mittendrin.content.problems import Problem, system_reason
from mittendrin.data.calendar import OfferCalendar, calendar_key
from mittendrin.data.exports import OfferData, offer_data_each
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer
from mittendrin.search.keywords import forget_nouns, keep_nouns_in
from mittendrin.site.pages import OfferView, Page, Prepared, Summary, date_key, prepare_each
from mittendrin.site.render import Fragments, Rendered

CODE = Path(__file__).resolve().parents[1]  # the whole package
# A file in the site naming what it was built from. Not the folder's inode: a site restored from a CI cache (or any
# copy) is the same site, and a site from other inputs never has the same name.
SITE_ID = ".mittendrin-bau"
OPEN_DATA_FILE = "open-data.pickle"  # beside the memory; read only once the pages are out
SET_ASIDE_FILE = "open-data-neu.pickle"  # this build's new pieces of open data while its pages are written


class Checked(NamedTuple):
    """One offer file checked: its offer (None when errors leave none) and problems, the last build date on which
    checking it again would give the same, and, where the build asked for it, the offer's prepared view."""

    offer: Offer | None
    problems: list[Problem]
    holds_until: dt.date = dt.date.max
    prepared: Prepared | None = None


@dataclass
class Fingerprint:
    """What a build with nothing to do needs of the last one; stored ahead of the memory and read without it."""

    site_id: str = ""  # the published site's SITE_ID: proves the site is the one built with this memory
    files: dict[str, str] = field(default_factory=dict)  # offer file's display name → hash of name and bytes
    problems: tuple[Problem, ...] = ()  # the warnings the build reported
    summary: Summary | None = None
    index_follows: bool = False  # the pages went out, the search index for them did not (yet)
    built_on: dt.date | None = None  # a build on another day has work to do: the pages show dates


@dataclass
class Memory:
    """What one build leaves for the next beside its fingerprint: per offer file its result, per page its key."""

    results: dict[str, Checked] = field(default_factory=dict)  # display name → result, for the fingerprint's hash
    pages: dict[str, str] = field(default_factory=dict)  # page path → page key
    indexed: dict[str, str] = field(default_factory=dict)  # the pages Pagefind indexed → their search keys
    # "<file hash> <pages.date_key>" → prepared view (its open data: OPEN_DATA_FILE), and its PageKeys.view_key:
    prepared: dict[str, Prepared] = field(default_factory=dict)
    view_keys: dict[str, str] = field(default_factory=dict)
    calendars: dict[str, OfferCalendar] = field(default_factory=dict)  # "<file hash> <calendar_key>" → its events
    fragments: dict[str, bytes] = field(default_factory=dict)  # cards and booklet entries, see render.Fragments


class BuildCache:
    """The previous build's memory (empty when it cannot be trusted) and the one this build collects."""

    def __init__(self, out: Path, key: str, today: dt.date) -> None:
        self.out = out
        self.file = out.parent / f".{out.name}-cache" / "memory.pickle"
        self.open_data_file = self.file.with_name(OPEN_DATA_FILE)
        self.set_aside_file = self.file.with_name(SET_ASIDE_FILE)
        keep_nouns_in(self.file.parent)  # the compound splitter's word list, beside the memory of the last build
        self.key = key
        self.today = today
        self.last = self._recall_fingerprint()  # the last build's; its memory is read only when needed
        self._previous: Memory | None = None
        self.fingerprint = Fingerprint()  # this build's
        self.now = Memory()
        self.checked_views: dict[str, Prepared] = {}  # file hash → view prepared while checking the file
        self.sources: list[str] = []  # per offer file a hash of its name and bytes, for the site's name (site_id)
        self.prepared_names: dict[str, str] = {}  # offer file → "<file hash> <date key>", as Memory.prepared
        self.open_data_now: dict[str, OfferData] = {}  # by those names: the offer's share of the open data
        self.set_aside = False  # whether the new pieces of open_data_now wait in SET_ASIDE_FILE

    @classmethod
    def open(cls, out: Path, config: Config, today: dt.date, folders: Iterable[Path], pdf: bool) -> BuildCache:
        """The cache for building into `out` from `folders` (templates, assets, content); `pdf`: the booklet too."""
        return cls(out, build_key(config, folders, f"pdf={pdf}"), today)

    @property
    def previous(self) -> Memory:
        """The last build's memory, read only when a build has work to do: it holds every offer and page."""
        if self._previous is None:
            self._previous = self._recall_memory() if self.last.summary else Memory()
        return self._previous

    def unchanged(self, files: Sequence[tuple[Path, str]]) -> Fingerprint | None:
        """The last build's fingerprint when this build would write exactly its site: same inputs, same files."""
        self.fingerprint.files, self.sources = {}, []
        for path, name in files:  # each file read once for both hashes
            content = _file_bytes(path)
            self.fingerprint.files[name] = _hash(name.encode(), content)
            self.sources.append(_hash(path.name.encode(), content))
        same = self.last.files == self.fingerprint.files and self.same_day
        return self.last if same and self.last.summary and not self.last.index_follows else None

    def checked(self, files: Sequence[tuple[Path, str]], check: Callable[[list], list[Checked]]) -> list[Checked]:
        """Results for every (path, display name): remembered ones where the file is unchanged, `check` for the rest."""
        hashed = self.fingerprint.files  # already, when the build asked whether anything changed
        hashes = [hashed.get(name) or _file_hash(path, name) for path, name in files]
        results: list[Checked | None] = []
        todo = []
        for (path, name), digest in zip(files, hashes, strict=True):
            remembered = self.previous.results.get(name) if self.last.files.get(name) == digest else None
            results.append(remembered if remembered and self.today <= remembered.holds_until else None)
            if results[-1] is None:
                todo.append((path, name))
        fresh = iter(check(todo)) if todo else iter(())
        results = [result if result is not None else next(fresh) for result in results]
        self.fingerprint.files = {name: digest for (_, name), digest in zip(files, hashes, strict=True)}
        self.now.results = {
            name: Checked(result.offer, result.problems, result.holds_until)
            for (_, name), result in zip(files, results, strict=True)
        }
        self.checked_views = {digest: r.prepared for digest, r in zip(hashes, results, strict=True) if r.prepared}
        return results  # type: ignore[return-value]

    def prepare_each(self, offers: Sequence[Offer], config: Config, today: dt.date) -> list[Prepared]:
        """pages.prepare_each, taking each offer's view (and its page key) from the last build where its file and
        pages.date_key are the same (on the next day most are: an offer's dates move on about once a week), and its
        calendar where its file and calendar_key are (the calendar is the costliest part of its open data). The
        others are worked out anew on all cores, as checking does for a new file; their open data is kept for
        open_data, that of the views taken is read only there."""
        digests = [self.fingerprint.files.get(offer.source, "") for offer in offers]
        names = [  # the date key hashed: written out it is a few hundred characters
            f"{digest} {_hash(date_key(offer, config, today).encode())}"
            for offer, digest in zip(offers, digests, strict=True)
        ]
        calendar_names = [
            f"{digest} {calendar_key(offer, today)}" for offer, digest in zip(offers, digests, strict=True)
        ]
        remembered = self.previous.prepared
        known = [
            remembered.get(name) or self.checked_views.get(digest) for name, digest in zip(names, digests, strict=True)
        ]
        for name, taken in zip(names, known, strict=True):
            if taken and taken.view and name in remembered and name in self.previous.view_keys:
                self.page_keys.views[taken.view.path] = self.previous.view_keys[name]
        calendars = {  # by offer file, as prepare_each takes them
            offer.source: self.previous.calendars[name]
            for offer, name in zip(offers, calendar_names, strict=True)
            if name in self.previous.calendars
        }
        # What this build takes of the last one's views is in hand: the rest goes before the workers start, so that
        # a new day holds one day's views, not two.
        self.previous.prepared, self.previous.calendars, self.previous.view_keys = {}, {}, {}
        self.checked_views = {}
        del remembered
        todo = [o for o, p in zip(offers, known, strict=True) if p is None]
        fresh = iter(run_in_parts(prepare_each, todo, config, today, calendars))
        prepared = [_with_offer(p or next(fresh), offer) for offer, p in zip(offers, known, strict=True)]
        for offer, name, calendar_name, result in zip(offers, names, calendar_names, prepared, strict=True):
            if offer.source in self.fingerprint.files:
                self.prepared_names[offer.source] = name
                self.now.prepared[name] = Prepared(result.view)  # the open data has a file of its own
                calendar = result.data.calendar if result.data else calendars.get(offer.source)
                if calendar:
                    self.now.calendars[calendar_name] = calendar
                if result.data:
                    self.open_data_now[name] = result.data
        forget_nouns()
        self._set_aside_open_data()
        return prepared

    def _set_aside_open_data(self) -> None:
        """The new pieces of open data into a file of their own until open_data takes them: they are as big as all
        views together (60 MB at 10,000 offers), and rendering the listings here wants the memory. When the file
        cannot be written, they simply stay in memory."""
        try:
            self.set_aside_file.parent.mkdir(exist_ok=True)
            self.set_aside = _store(self.set_aside_file, self.key, self.open_data_now)
        except OSError:
            return
        if self.set_aside:
            self.open_data_now = {}

    def open_data(self, views: Sequence[OfferView], config: Config, today: dt.date) -> list[OfferData]:
        """Each published offer's share of the open data: prepared in this build, remembered from an earlier build
        of the same code (OPEN_DATA_FILE, by file hash and date key, as views are), or else worked out now on all
        cores. Like views, the pieces derive from the offer file, the build key's inputs and the date key alone, so
        they are trusted by these keys, not by the published site."""
        names = [self.prepared_names.get(view.offer.source, "") for view in views]
        if self.set_aside:
            self.open_data_now, self.set_aside = _recall(self.set_aside_file, self.key) or {}, False
            self.set_aside_file.unlink(missing_ok=True)
        remembered = _recall(self.open_data_file, self.key) if any(n not in self.open_data_now for n in names) else {}
        known = [self.open_data_now.get(n) or remembered.get(n) for n in names]
        todo = [view.offer for view, data in zip(views, known, strict=True) if data is None]
        fresh = iter(run_in_parts(offer_data_each, todo, config, today) if todo else ())
        pieces = [data or next(fresh) for data in known]
        self.open_data_now = {n: data for n, data in zip(names, pieces, strict=True) if n}
        return pieces

    def pages_to_render(self, pages: Iterable[Page], staging: Path) -> list[Page]:
        """Link every unchanged page from the published site into staging, which starts from the site replaced last
        (publish.start_from_spare); the rest must be rendered."""
        pages = list(pages)
        for page in pages:
            self.now.pages[page.path] = self.page_keys.key(page)
        unchanged = {p.file_path for p in pages if self.previous.pages.get(p.path) == self.now.pages[p.path]}
        start_from_spare(staging, self.out, keep=unchanged.__contains__)
        todo = []
        for page in pages:
            if page.file_path not in unchanged or not _link(self.out, staging, page.file_path):
                todo.append(page)
            elif page.path in self.previous.indexed:  # the same page: what Pagefind reads of it is the same
                self.now.indexed[page.path] = self.previous.indexed[page.path]
        return todo

    def fragments(self, views: Iterable[OfferView]) -> Fragments:
        """The last build's cards and booklet entries of offers whose views are unchanged."""
        keys = {v.path: self.page_keys.view_key(v) for v in views if v.offer.source in self.fingerprint.files}
        current = set(keys.values())
        self.now.fragments = {
            name: html for name, html in self.previous.fragments.items() if name.split(" ", 1)[1] in current
        }
        self.previous.fragments = {}  # those of changed views are of no more use, and rendering wants the room
        return Fragments(keys, self.now.fragments)

    def rendered(self, pages: Sequence[Page], rendered: Sequence[Rendered]) -> None:
        """Note which freshly rendered pages Pagefind will index, and keep their new fragments."""
        for page, result in zip(pages, rendered, strict=True):
            if result.search_key:
                self.now.indexed[page.path] = result.search_key
            self.now.fragments.update(result.fragments)

    @functools.cached_property
    def page_keys(self) -> PageKeys:
        return PageKeys(self.fingerprint.files)

    def reuse_search_index(self, staging: Path, folder: str = "pagefind") -> bool:
        """Link the previous Pagefind index when it indexed exactly these pages, each as Pagefind reads it (a page
        whose dates changed reads the same: see build.index.search_key); Pagefind's own output varies per run, so
        this also keeps unchanged rebuilds byte-identical."""
        if not self.now.indexed or self.now.indexed != self.previous.indexed or not (self.out / folder).is_dir():
            return False
        link_tree(self.out / folder, staging / folder)
        return True

    @property
    def same_day(self) -> bool:
        """Whether the published site was built on this build's date (an edit, not the next day's rebuild)."""
        return self.last.built_on == self.today

    def has_published_index(self) -> bool:
        """Whether the published site, built with this memory, has a search index to show until a new one is built."""
        return bool(self.previous.indexed) and (self.out / "pagefind" / "pagefind.js").is_file()

    @property
    def site_id(self) -> str:
        """The name of the site this build writes: a hash of all it is built from (build key, build date, offer
        files), so a clean build of the same inputs gets the same name and the same bytes."""
        # By file name and bytes, not by the names messages show: those depend on where the build was started.
        files = sorted(digest.encode() for digest in self.sources)
        return _hash(self.key.encode(), self.today.isoformat().encode(), *files)

    def mark(self, staging: Path) -> None:
        """Name the site about to be published (SITE_ID)."""
        target = staging / SITE_ID
        target.unlink(missing_ok=True)  # possibly linked from the published site, which is never written through
        target.write_text(self.site_id + "\n", encoding="ascii")

    def save(self, summary: Summary, problems: Sequence[Problem], index_published: bool = True) -> str:
        """Store this build's memory once its site is published (a failed build leaves the previous one); without
        `index_published`, the site went out with the previous search index, which is remembered instead.

        The site is out by now, so nothing here may fail the build: a cache that cannot be written is a note for
        the person building (returned; empty when all is well), and the next build simply does all the work, since
        a memory is only trusted for the site it was saved with."""
        try:
            self._save(summary, problems, index_published)
        except OSError as error:
            return (
                f"Der Zwischenspeicher „{self.file.parent}“ konnte nicht geschrieben werden ({system_reason(error)}); "
                "die Seite ist trotzdem veröffentlicht, der nächste Bau macht alles neu."
            )
        return ""

    def _save(self, summary: Summary, problems: Sequence[Problem], index_published: bool) -> None:
        fingerprint = replace(
            self.fingerprint,
            site_id=self.site_id,
            problems=tuple(problems),
            summary=summary,
            index_follows=not index_published,
            built_on=self.today,
        )
        memory = self.now if index_published else replace(self.now, indexed=self.previous.indexed)
        memory.view_keys = {
            name: self.page_keys.views[p.view.path]
            for name, p in memory.prepared.items()
            if p.view and p.view.path in self.page_keys.views
        }
        self.file.parent.mkdir(exist_ok=True)
        if index_published:  # else the open data follows, and this build has not worked all of it out yet
            _store(self.open_data_file, self.key, self.open_data_now)
            # Stored, so let go: pickling the memory next takes room in proportion to its objects (60 MB or more).
            self.open_data_now = {}
            give_back_free_memory()
        _store(self.file, self.key, fingerprint, memory)

    def _recall_fingerprint(self) -> Fingerprint:
        try:
            with self.file.open("rb") as stream:
                if pickle.load(stream) != self.key:  # the key comes first: a memory from other code is never unpickled
                    return Fingerprint()
                fingerprint = pickle.load(stream)
            if (self.out / SITE_ID).read_text(encoding="ascii").strip() != fingerprint.site_id:
                return Fingerprint()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return Fingerprint()
        return fingerprint

    def _recall_memory(self) -> Memory:
        gc.disable()  # the cyclic collector would walk the growing object graph again and again: 3× slower
        try:
            with self.file.open("rb") as stream:
                # Read again, not trusted from before: another build may have replaced the file in between.
                if pickle.load(stream) != self.key or pickle.load(stream) != self.last:
                    return Memory()
                return pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return Memory()
        finally:
            gc.enable()


def _with_offer(prepared: Prepared, offer: Offer) -> Prepared:
    """A view from a worker process with this process's offer instead of the copy that came back with it: one offer
    in memory and in the memo, not two (30 MB at 10,000 offers)."""
    view = prepared.view
    if view is None or view.offer is offer:
        return prepared
    return Prepared(replace(view, offer=offer), prepared.data)


def _recall(path: Path, key: str) -> dict[str, OfferData]:
    """Pieces of open data stored by _store under the build key; {} when there are none of this code."""
    try:
        with path.open("rb") as stream:
            if pickle.load(stream) != key:
                return {}
            return pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return {}


def _store(path: Path, *parts: object) -> bool:
    """The parts pickled one after the other (the build key first, so a file from other code is never unpickled) into
    a new file that replaces `path` once it is whole; False when a part cannot be pickled."""
    temporary = path.with_suffix(".neu")
    try:
        with temporary.open("wb") as stream:
            for part in parts:
                pickle.dump(part, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        # A value that cannot be stored (a defect: offers, views and open data are frozen dataclasses of plain
        # values) must not fail a published build: the next build simply does that work again.
        temporary.unlink()
        path.unlink(missing_ok=True)
        return False
    try:
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return True


def build_key(config: Config, folders: Iterable[Path], *extra: str) -> str:
    """A hash of every input of the build except the offer files, which are known one by one, and the build date,
    which pages depend on through what they show."""
    parts = [repr(config).encode(), importlib.metadata.version("pagefind").encode()]
    parts += [text.encode() for text in extra]
    for folder in (CODE, *folders):
        offers = {os.path.join("offers", name) for name in offer_names(folder)}
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
    """The key of a page: a hash of its template, address, title and context written out as canonical JSON.

    Only these values can be written out, each by what it is: None, booleans, numbers and strings (Markup too: which
    values are Markup is decided by the code, which the build key covers); lists, tuples and dicts, item by item and
    in their order; dates and times by their ISO form; an Enum by its name; an Offer by its file's hash (an Offer
    derives from its file alone, under the build key that covers the code and the config); an OfferView by that hash
    and its other fields (its dates depend on the build date, not on the file); any other frozen dataclass by its
    type's name and all its fields. Anything else (a set, a function, a mutable object) raises TypeError: a page
    whose inputs cannot be named exactly is a defect in the code, not a page to risk showing stale, and every test
    build of the sample sites would report it."""

    def __init__(self, digests: dict[str, str]) -> None:
        self.digests = digests
        self.views: dict[str, str] = {}  # view path → key: listings share views, each is written out once

    def key(self, page: Page) -> str:
        return _hash(self._canonical([page.template, page.path, page.title, page.context]).encode())

    def view_key(self, view: OfferView) -> str:
        """The offer by its file's hash and everything else the view shows (such as its dates) written out."""
        key = self.views.get(view.path)
        if key is None:
            shown = {name: getattr(view, name) for name in _VIEW_FIELDS}
            digest = self.digests.get(view.offer.source) or _hash(self._canonical(view.offer).encode())
            key = self.views[view.path] = f"{digest} {_hash(self._canonical(shown).encode())}"
        return key

    def _canonical(self, value: object) -> str:
        # One C-encoded dump per page: walking a listing's 10,000 views in Python costs seconds.
        return json.dumps(value, default=self._written_out, ensure_ascii=False, allow_nan=False)

    def _written_out(self, value: object) -> object:
        """What json cannot write itself, as something it can (see the class's docstring)."""
        names = _frozen_fields(type(value))
        if names:
            if isinstance(value, OfferView):
                return {"view": self.view_key(value)}
            if isinstance(value, Offer) and value.source in self.digests:
                return {"offer": self.digests[value.source]}
            return {type(value).__qualname__: {name: getattr(value, name) for name in names}}
        if isinstance(value, dt.date | dt.time):  # a datetime is a date
            return {type(value).__name__: value.isoformat()}
        if isinstance(value, enum.Enum):
            return {type(value).__qualname__: value.name}
        raise TypeError(f"PageKeys cannot write out a {type(value).__qualname__} of a page's context: {value!r}")


_VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(OfferView) if f.name != "offer")


@functools.cache
def _frozen_fields(kind: type) -> tuple[str, ...]:
    """The field names of a frozen dataclass; () for any other type."""
    params = getattr(kind, "__dataclass_params__", None)
    return tuple(f.name for f in dataclasses.fields(kind)) if params and params.frozen else ()


def _link(published: Path, staging: Path, file: str) -> bool:
    """Hard-link a published file (path relative to the site) into staging, unless it was kept there; False
    when it is not published. Plain strings and os calls: at 10,000 pages pathlib's objects alone cost a good part
    of a second."""
    target = os.path.join(staging, file)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(os.path.join(published, file), target)
    except FileExistsError:
        return True
    except FileNotFoundError:
        return False
    return True


def _file_hash(path: Path, name: str) -> str:
    return _hash(name.encode(), _file_bytes(path))


def _file_bytes(path: Path) -> bytes:
    """What an offer file's hash is made of: its bytes; a link's target, since load_offer refuses links without
    reading them (and a loop of links cannot be read at all); an unreadable file's error, which load_offer reports."""
    try:
        return b"link:" + os.fsencode(os.readlink(path)) if path.is_symlink() else path.read_bytes()
    except OSError as error:
        return f"unreadable:{error.errno}".encode()


def _hash(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()
