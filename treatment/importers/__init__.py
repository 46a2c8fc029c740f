"""Importing SAMHSA's facility files: detection, cleaning, counting and saving."""

from treatment.importers.formats import ImportFileError
from treatment.importers.service import facility_import

__all__ = ["ImportFileError", "facility_import"]
