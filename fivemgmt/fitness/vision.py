"""placeholder"""

from sqlite_utils import Database


def create_schema(db: Database) -> None:
    pass
