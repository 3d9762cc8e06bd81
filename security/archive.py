"""Encrypted, streamed backup archives (AES-256-GCM in chunks, the STREAM construction).

A backup can hold gigabytes of documents, so it is never built in memory nor written in clear to
a temporary file: a tar stream is encrypted chunk by chunk as it is written. Each 1 MiB chunk is
sealed with AES-GCM under a nonce made of a random per-archive prefix, the chunk counter and a
"last chunk" flag, with the file header as associated data; so chunks cannot be reordered,
dropped, truncated or spliced from another archive without decryption failing.

Layout: b"RMDYBAK1" | nonce prefix (7 bytes) | chunk* where chunk = length (4 bytes, big endian)
| ciphertext+tag.
"""

from __future__ import annotations

import io
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework.storage import parse_key

MAGIC = b"RMDYBAK1"
PREFIX_BYTES = 7
CHUNK_BYTES = 1024 * 1024
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + PREFIX_BYTES


class BackupArchiveError(Exception):
    """The archive is not a Remedy backup, the key is wrong, or the file was altered."""


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only file object: what is written comes out encrypted into `sink`."""

    def __init__(self, sink: BinaryIO, key_text: str):
        super().__init__()
        self._sink = sink
        self._cipher = AESGCM(parse_key(key_text))
        self._prefix = os.urandom(PREFIX_BYTES)
        self._header = MAGIC + self._prefix
        self._buffer = bytearray()
        self._counter = 0
        self._finished = False
        sink.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer.extend(data)
        while len(self._buffer) > CHUNK_BYTES:  # keep >0 bytes back for the final chunk
            self._emit(bytes(self._buffer[:CHUNK_BYTES]), last=False)
            del self._buffer[:CHUNK_BYTES]
        return len(data)

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        sealed = self._cipher.encrypt(
            _nonce(self._prefix, self._counter, last), chunk, self._header
        )
        self._sink.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def close(self) -> None:
        if not self._finished:
            self._finished = True
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._sink.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file object over an encrypted archive; raises BackupArchiveError on tamper."""

    def __init__(self, source: BinaryIO, key_text: str):
        super().__init__()
        self._source = source
        self._cipher = AESGCM(parse_key(key_text))
        header = source.read(HEADER_BYTES)
        if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
            raise BackupArchiveError("This file is not a Remedy backup archive.")
        self._header = header
        self._prefix = header[len(MAGIC) :]
        self._buffer = b""
        self._pos = 0
        self._counter = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        length_bytes = self._source.read(4)
        if len(length_bytes) != 4:
            raise BackupArchiveError("The backup archive is truncated.")
        (length,) = struct.unpack(">I", length_bytes)
        if length < TAG_BYTES or length > CHUNK_BYTES + TAG_BYTES:
            raise BackupArchiveError("The backup archive is corrupt.")
        sealed = self._source.read(length)
        if len(sealed) != length:
            raise BackupArchiveError("The backup archive is truncated.")
        for last in (False, True):
            try:
                plain = self._cipher.decrypt(
                    _nonce(self._prefix, self._counter, last), sealed, self._header
                )
            except InvalidTag:
                continue
            self._counter += 1
            self._buffer, self._pos = plain, 0
            if last:
                self._done = True
                if self._source.read(1):
                    raise BackupArchiveError("The backup archive has data after its end.")
            return
        raise BackupArchiveError(
            "The backup archive cannot be decrypted: wrong key, or the file was altered."
        )

    def readinto(self, target) -> int:
        while self._pos >= len(self._buffer) and not self._done:
            self._next_chunk()
        size = min(len(target), len(self._buffer) - self._pos)
        target[:size] = self._buffer[self._pos : self._pos + size]
        self._pos += size
        return size
