"""Init file for Creatio OData API package."""

from .api import DEBUG
from .api import CreatioODataAPI


__all__ = ["CreatioODataAPI", "DEBUG"]
