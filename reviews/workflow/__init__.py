"""The rules of the medical review: transitions, fingerprints, the trust checklist, emails, reminders."""
