"""Vectorised string columns: fixed-width ids (L00000001), code → label columns, personal fields.

Building millions of Python strings is the slow part of a generator; these build Arrow string arrays
straight from numpy byte buffers instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker import Faker

from .config import Ints


def fixed_width_ids(prefix: str, numbers: Ints, width: int) -> pa.StringArray:
    """``prefix`` followed by each number zero-padded to ``width`` digits (ASCII prefix only)."""
    count = len(numbers)
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    size = len(head) + width
    buffer = np.empty((count, size), dtype=np.uint8)
    buffer[:, : len(head)] = head
    rest = np.asarray(numbers, dtype=np.int64).copy()
    for column in range(size - 1, len(head) - 1, -1):
        buffer[:, column] = 48 + rest % 10
        rest //= 10
    offsets = np.arange(count + 1, dtype=np.int32) * size
    return pa.StringArray.from_buffers(count, pa.py_buffer(offsets), pa.py_buffer(buffer.ravel()))


@dataclass(frozen=True)
class Coded:
    """A categorical column as integer codes into ``labels``; code -1 is null."""

    codes: Ints
    labels: tuple[str, ...]

    def to_arrow(self) -> pa.Array:
        dictionary = pa.array(self.labels, type=pa.string())
        indices = pa.array(self.codes, mask=self.codes < 0, type=pa.int32())
        return pc.take(dictionary, indices)


@dataclass(frozen=True)
class PersonPool:
    """Fake Japanese people, companies and mail domains, drawn once and then sampled by index."""

    names: pa.StringArray
    companies: pa.StringArray
    locals: pa.StringArray
    domains: pa.StringArray

    @classmethod
    def draw(cls, seed: int, size: int = 4000) -> PersonPool:
        fake = Faker("ja_JP")
        fake.seed_instance(seed)
        names = [fake.name() for _ in range(size)]
        companies = [fake.company() for _ in range(size // 2)]
        locals_ = [fake.last_romanized_name().lower() for _ in range(size // 4)]
        # Reserved example domains (JPRS keeps example.jp for documentation): no real company is named.
        domains = sorted({f"{fake.domain_word()}.example.jp" for _ in range(size // 8)})
        return cls(pa.array(names), pa.array(companies), pa.array(locals_), pa.array(domains))


@dataclass(frozen=True)
class PersonalFields:
    name: pa.Array
    email: pa.Array
    company: pa.Array
    phone: pa.Array


def personal_fields(pool: PersonPool, lead_numbers: Ints, rng: np.random.Generator) -> PersonalFields:
    """Name, company, a unique e-mail (``yamada.1234@sato.example.jp``) and a phone number for each lead."""
    count = len(lead_numbers)

    def pick(values: pa.StringArray) -> pa.Array:
        return pc.take(values, pa.array(rng.integers(0, len(values), size=count)))

    name, company, local, domain = (
        pick(pool.names),
        pick(pool.companies),
        pick(pool.locals),
        pick(pool.domains),
    )
    email = pc.binary_join_element_wise(local, ".", _digits(lead_numbers), "@", domain, "")
    return PersonalFields(name, email, company, _phones(rng, count))


def _digits(numbers: Ints) -> pa.Array:
    """Each number in decimal, without padding."""
    padded = fixed_width_ids("", numbers, 10)
    return pc.utf8_ltrim(padded, characters="0")


_AREA_CODES: Sequence[str] = ("03", "06", "052", "011", "092", "090", "080", "070")
_AREA_SHARE = (0.22, 0.1, 0.05, 0.03, 0.03, 0.27, 0.22, 0.08)


def _phones(rng: np.random.Generator, count: int) -> pa.Array:
    """Japanese numbers: area code, then two blocks of four digits (03-1234-5678, 090-1234-5678)."""
    areas = pa.array(_AREA_CODES)
    area = pc.take(areas, pa.array(rng.choice(len(_AREA_CODES), size=count, p=_AREA_SHARE)))
    first = fixed_width_ids("", rng.integers(1000, 10000, size=count), 4)
    second = fixed_width_ids("", rng.integers(0, 10000, size=count), 4)
    return pc.binary_join_element_wise(area, first, second, "-")
