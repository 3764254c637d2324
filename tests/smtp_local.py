"""A tiny SMTP server on loopback (asyncio) that keeps the messages it receives, for tests."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from email.message import EmailMessage


class LocalSmtp:
    """``with LocalSmtp() as server:`` — ``server.port``, ``server.messages`` (parsed), ``server.wait(n)``."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0
        self._arrived = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 localhost test SMTP\r\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250 localhost\r\n")
            elif verb == b"DATA":
                writer.write(b"354 end with .\r\n")
                await writer.drain()
                data = bytearray()
                while (chunk := await reader.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                message = email.message_from_bytes(bytes(data), policy=email.policy.default)
                with self._arrived:
                    self.messages.append(message)
                    self._arrived.notify_all()
                writer.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:  # MAIL, RCPT, RSET, NOOP
                writer.write(b"250 ok\r\n")
            await writer.drain()
        writer.close()

    def wait(self, count: int, timeout: float = 30) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)

    def __enter__(self) -> LocalSmtp:
        self._thread.start()
        server = asyncio.run_coroutine_threadsafe(asyncio.start_server(self._session, "127.0.0.1", 0), self._loop).result(10)
        self._server = server
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def _close(self) -> None:
        self._server.close()

    def __exit__(self, *exc: object) -> None:
        # The server belongs to the loop's thread: closing it from here raced with a session
        # ending there (both woke the server's waiters; asyncio then failed on None).
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
