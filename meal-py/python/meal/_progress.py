"""Progress bars for long runs (`progress=True`): tqdm, imported only when asked for."""

from typing import Any


def bar(total: int, description: str) -> Any:
    """A tqdm bar of `total` steps (``tqdm.auto``: a widget in Jupyter, text elsewhere).

    Raises ImportError naming the package when tqdm is not installed, instead of running
    without the progress the caller asked for.
    """
    try:
        from tqdm.auto import tqdm
    except ImportError as missing:
        raise ImportError(
            "progress=True needs tqdm: pip install tqdm (or pip install 'meal[progress]')"
        ) from missing
    return tqdm(total=total, desc=description, unit="item")
