"""A mail backend whose server is down: every send raises."""

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused (test backend)")
