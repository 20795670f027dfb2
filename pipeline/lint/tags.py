"""Rules of unfinished text: Jinja tags left in a document, and in generated documents the
"None" or "nan" a missing value prints as."""
from __future__ import annotations

import re

from .document import Context, all_paras
from .ooxml import qn
from .violation import V, Violation

TAGS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}|{{|{%", re.S)
EMPTY = re.compile(r"(?<![\w-])(None|nan|NaN)(?![\w-])")


def is_template(document) -> bool:
    """Return True for a template: its body holds Jinja statements ("{% … %}")."""
    return any("{%" in (t.text or "") for t in document.element.body.iter(qn("w:t")))


def check_tags(ctx: Context) -> list[Violation]:
    """Report tags left in a finished document, and empty values in a generated one."""
    if ctx.mode == "template":
        return []
    out = []
    for para in all_paras(ctx):
        value = para.text
        tag = TAGS.search(value)
        if tag:
            out.append(V("template-tag", f"Văn bản còn thẻ mẫu “{tag[0][:40]}” chưa được thay"
                         " bằng nội dung; điền nội dung hoặc xóa thẻ.", para, value=tag[0][:40]))
        empty = EMPTY.search(value) if ctx.mode == "generated" else None
        if empty:
            out.append(V("empty-value", f"Văn bản in “{empty[1]}” thay cho một giá trị còn"
                         " thiếu; kiểm tra số liệu đầu vào.", para, value=empty[1]))
    return out
