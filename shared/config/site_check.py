"""The site profile as it will run: the checks ``validate --site`` (and every run, before it
starts) makes beyond the file's shape.

- The secrets the scenario uses resolve now, as the run will resolve them (the error names
  the variable, file and its mode, or the credential entry; never a value), and a secrets
  file is owner-only.
- inbox, output and work are three different folders, none inside another, each inside
  the site profile's folder unless ``outside_folders`` names it, and each writable (or
  creatable: the run makes a missing one).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path

from shared.config.site import SiteProfile
from shared.config.yamlio import YamlDocument
from shared.errors import ConfigError, Problem
from shared.messages import t
from shared.secrets import FileStore, unresolvable

__all__ = ["FOLDERS", "folder_problems", "secret_problems", "site_problems"]

FOLDERS = ("inbox", "output", "work")


def site_problems(site: SiteProfile, doc: YamlDocument, used_secrets: Iterable[str],
                  given: Collection[str] = ()) -> list[Problem]:
    """Every problem of the site profile in ``doc`` that only shows when it runs."""
    return [*folder_problems(site, doc), *secret_problems(site, doc, used_secrets, given)]


def secrets_path(site: SiteProfile, site_path: Path) -> Path | None:
    return Path(site_path).resolve().parent / site.secrets_file if site.secrets_file else None


def secret_problems(site: SiteProfile, doc: YamlDocument, used: Iterable[str], given: Collection[str] = ()) -> list[Problem]:
    """Resolve each secret the scenario uses (except the ``given`` ones, whose values the
    caller lends the run) and drop the value; a secrets file must be owner-only even when
    no secret of this scenario is in it."""
    secrets_file = secrets_path(site, doc.path)
    problems: list[Problem] = []
    said: set[str] = set()
    for name in sorted(set(used)):
        if name in given or name not in site.secrets:
            continue  # not in the profile: validate_all names it (config.secret_not_in_site)
        error = unresolvable(site.secrets[name], secrets_file)
        for problem in error.problems if error is not None else []:
            if problem.message not in said:
                said.add(problem.message)
                problems.append(doc.problem(("secrets", name), problem.message))
    if secrets_file is not None and secrets_file.is_file():
        try:
            FileStore(secrets_file).checked_path()
        except ConfigError as exc:
            for problem in exc.problems:
                if problem.message not in said:
                    said.add(problem.message)
                    problems.append(doc.problem(("secrets_file",), problem.message))
    return problems


def _writable(path: Path) -> bool:
    """Whether the robot can write into ``path`` (or make it: its nearest existing parent)."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def folder_problems(site: SiteProfile, doc: YamlDocument) -> list[Problem]:
    base = Path(doc.path).resolve().parent
    folders = {name: (base / getattr(site, name)).resolve() for name in FOLDERS}
    problems: list[Problem] = []
    for name, path in folders.items():
        where = (name,)
        if path.exists() and not path.is_dir():
            problems.append(doc.problem(where, t("config.site.folder_not_folder", name=name, path=str(path))))
        elif not _writable(path):
            problems.append(doc.problem(where, t("config.site.folder_not_writable", name=name, path=str(path))))
        if path == base:
            problems.append(doc.problem(where, t("config.site.folder_is_site", name=name, path=str(path))))
        elif name not in site.outside_folders and not path.is_relative_to(base):
            problems.append(doc.problem(where, t("config.site.folder_outside", name=name, path=str(path), base=str(base))))
    names = list(folders)
    for index, name in enumerate(names):
        for other in names[index + 1:]:
            path, other_path = folders[name], folders[other]
            if path == other_path:
                problems.append(doc.problem((other,), t("config.site.folders_same", name=name, other=other, path=str(path))))
            elif path.is_relative_to(other_path) or other_path.is_relative_to(path):
                inner, outer = (name, other) if path.is_relative_to(other_path) else (other, name)
                problems.append(doc.problem((inner,), t("config.site.folders_nested", name=inner, other=outer,
                                                        path=str(folders[inner]), other_path=str(folders[outer]))))
    return problems
