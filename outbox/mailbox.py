"""The development mailbox: the emails Django's file backend wrote to EMAIL_FILE_PATH, read back.

In development (bin/demo) the app sends through django.core.mail.backends.filebased, which appends
each message to a .log file, a line of 79 dashes after each. This module parses those files with the
standard email package so that a DEBUG-only page can show every email with its links and attachments.
"""

import email
import email.policy
import pathlib
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

# What the file backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# A message id is "<file stem>.<index in the file>": a file name the backend made, never a path.
_MESSAGE_ID = re.compile(r"(?P<stem>[0-9A-Za-z_-]{1,100})\.(?P<index>\d{1,4})")
_URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class Attachment:
    index: int
    filename: str
    content_type: str
    content: bytes


@dataclass
class MailboxMessage:
    id: str
    message: EmailMessage

    def header(self, name: str) -> str:
        return str(self.message.get(name, ""))

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers a reader checks: who it is from, to whom replies go, its language."""
        names = ("From", "To", "Reply-To", "Date", "Content-Language")
        return [(name, self.header(name)) for name in names if self.header(name)]

    @property
    def subject(self) -> str:
        return self.header("Subject")

    @property
    def to(self) -> str:
        return self.header("To")

    @property
    def sent_at(self):
        try:
            return parsedate_to_datetime(self.header("Date"))
        except (TypeError, ValueError):
            return None

    @property
    def language(self) -> str:
        return self.header("Content-Language")

    def _body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""

    @property
    def text(self) -> str:
        return self._body("plain")

    @property
    def html(self) -> str:
        return self._body("html")

    @property
    def links(self) -> list[str]:
        """The web addresses in the text part, in order, each once."""
        return list(dict.fromkeys(_URL.findall(self.text)))

    @property
    def attachments(self) -> list[Attachment]:
        return [
            Attachment(
                index=index,
                filename=part.get_filename() or f"attachment-{index}",
                content_type=part.get_content_type(),
                content=part.get_payload(decode=True) or b"",
            )
            for index, part in enumerate(self.message.iter_attachments())
        ]


def _messages_of(path: pathlib.Path) -> list[MailboxMessage]:
    chunks = [chunk for chunk in path.read_bytes().split(SEPARATOR) if chunk.strip()]
    return [
        MailboxMessage(
            id=f"{path.stem}.{index}",
            message=email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default),
        )
        for index, chunk in enumerate(chunks)
    ]


def mailbox_messages(directory) -> list[MailboxMessage]:
    """Every message in the directory, newest first (an empty list when there is no directory yet)."""
    root = pathlib.Path(directory)
    if not root.is_dir():
        return []
    files = sorted(root.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return [message for path in files for message in reversed(_messages_of(path))]


def mailbox_message(directory, message_id: str) -> MailboxMessage | None:
    """One message by its id, or None (unknown ids and anything that looks like a path included)."""
    match = _MESSAGE_ID.fullmatch(message_id or "")
    if match is None:
        return None
    path = pathlib.Path(directory) / f"{match['stem']}.log"
    if not path.is_file():
        return None
    messages = _messages_of(path)
    index = int(match["index"])
    return messages[index] if index < len(messages) else None
