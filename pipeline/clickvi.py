"""Click's own words (usage errors, help headings) in Vietnamese.

Click looks its messages up through the module-level ``_`` and ``ngettext`` of each of its
modules at the moment it prints them; ``install()`` puts a lookup in this catalogue in their
place. A message missing here (a newer click) stays in English rather than failing.
"""
from __future__ import annotations

import importlib

MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui")

WORDS: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ “{command} {option}” để xem hướng dẫn.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Chưa gõ lệnh.",
    "No such command {name!r}.": "Không có lệnh “{name}”.",
    "No such option {name!r}.": "Không có tùy chọn “{name}”.",
    "No such option: {name}": "Không có tùy chọn {name}",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ ở {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn “{name}” không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn “{name}” cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn “{name}” cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "{value!r} is not {choice}.": "“{value}” không phải là {choice}.",
    "{value!r} is not one of {choices}.": "“{value}” không phải một trong: {choices}.",
    "{value!r} is not a valid {number_type}.": "“{value}” không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} does not match the format {format}.": "“{value}” không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "“{value}” không đúng các dạng {formats}.",
    "{name} {filename!r} does not exist.": "{name} “{filename}” không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} “{filename}” là một thư mục.",
    "{name} {filename!r} is a file.": "{name} “{filename}” là một tệp.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
}


def translate(message: str) -> str:
    """Return click's ``message`` in Vietnamese (unchanged when not in the catalogue)."""
    return WORDS.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a click message, in Vietnamese."""
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Make click print its messages in Vietnamese."""
    for name in MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
