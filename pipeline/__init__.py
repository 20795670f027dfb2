"""Report pipeline for the emulation campaign (phong trào thi đua) of Lạng Sơn province."""

__version__ = "0.1.0"
