"""The audit trail: an append-only log of what a hospital's security review asks about.

Every sign-off and review step, role change, login failure, lockout, publish and unpublish,
deletion and restore is one ``AuditEvent`` row, written by signal receivers (receivers.py)
with the acting user and client address of the request (middleware.py). Rows are never
changed or deleted: the model refuses it, and on PostgreSQL a trigger does too. The chief
medical editor reads and filters the log in the admin.
"""
