"""Audit trail of what robots did: a hash-chained, append-only table in the ledger's
database, signed checkpoints and archives. Records name items only by keyed hash and
never hold personal data or secrets."""

from shared.audit.base import AuditStore, actor
from shared.audit.chain import ChainAuditStore, Finding
from shared.audit.jsonl import JsonlAuditStore
from shared.audit.store import audit_records, open_audited_ledger

__all__ = ["AuditStore", "ChainAuditStore", "Finding", "JsonlAuditStore", "actor", "audit_records", "open_audited_ledger"]
