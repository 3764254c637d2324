"""``bundle``: the offline installer for LGWAN PCs (``build.py``), verified on the target by the
stdlib-only ``verify_bundle.py`` before anything is installed."""

from robots.bundle.build import DEFAULT_PLATFORMS, DEFAULT_PYTHONS, BundleError, build_bundle, linux_tags

__all__ = ["DEFAULT_PLATFORMS", "DEFAULT_PYTHONS", "BundleError", "build_bundle", "linux_tags"]
