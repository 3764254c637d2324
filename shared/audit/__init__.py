"""Audit trail of what robots did. Records name items only by keyed hash and never hold
personal data or secrets."""

from shared.audit.base import AuditStore, actor
from shared.audit.jsonl import JsonlAuditStore

__all__ = ["AuditStore", "JsonlAuditStore", "actor"]
