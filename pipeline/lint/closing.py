"""Rules of the end of a document: "Nơi nhận:" and its items with "- Lưu: VT, …", the
signer's authority and name, and the "./." that ends the body.
"""
from __future__ import annotations

import re

from .document import Context, Para, printing
from .ooxml import has_tags, qn
from .props import align, all_runs, any_runs, bold_sized, in_range, sizes
from .violation import V, Violation

PREFIXES = {"TM.", "Q.", "KT.", "TL.", "TUQ."}
ACADEMIC = re.compile(r"^(GS|PGS|TS|TSKH|ThS|Ths|KS|BS|CN)\.", re.UNICODE)
# A leading abbreviation: "KT.", "T.M.", "K/T".
PREFIX = re.compile(r"^([^\s.]{1,4}(?:\.[^\s.]{1,3})*\.|[A-ZĐ]{1,2}/[A-ZĐ]{1,3}\.?)\s")


def check_signature(ctx: Context) -> list[Violation]:
    """Check "Nơi nhận", its items, "- Lưu: VT, …" and the signer's block."""
    if ctx.signature is None:
        return [V("recipients-label", "Không thấy “Nơi nhận:” ở cuối văn bản.",
                  where="cuối văn bản")] if ctx.header_table is not None else []
    tbl, _, label, signer = ctx.signature
    out = []
    if not (all_runs(ctx, label, "b") and all_runs(ctx, label, "i")
            and in_range(sizes(ctx, label), 11.5, 12.5) and align(ctx, label) != "center"):
        out.append(V("recipients-label", "“Nơi nhận:” phải in nghiêng, đậm, cỡ 12, sát lề"
                     " trái.", label))
    paras = printing(ctx.cell_paras(tbl, label.cell, label.row, 1))
    out += _recipients(ctx, paras[[p.el for p in paras].index(label.el) + 1:])
    if signer is not None:
        column = signer.getparent().findall(qn("w:tc")).index(signer) + 1
        out += _signer(ctx, printing(ctx.cell_paras(tbl, signer, label.row, column)))
    return out


def _recipients(ctx: Context, items: list[Para]) -> list[Violation]:
    """Check the "- …;" items: 11 pt upright, ";" between, "." last, "- Lưu: VT, …" last."""
    if not items:
        return [V("recipients-items", "“Nơi nhận” phải liệt kê các nơi nhận, mỗi nơi một dòng"
                  " “- …;”.", where="cuối văn bản")]
    out = []
    bad = next((p for p in items if not in_range(sizes(ctx, p), 10.5, 11.5)
                or any_runs(ctx, p, "b") or any_runs(ctx, p, "i")
                or not p.text.lstrip().startswith("-")), None)
    if bad:
        out.append(V("recipients-items", "Mỗi nơi nhận là một dòng “- …;” chữ đứng, cỡ 11.", bad))
    if any(has_tags(p.text) for p in items):
        return out
    return out + _recipients_text(ctx, items)


def _recipients_text(ctx: Context, items: list[Para]) -> list[Violation]:
    """Check the punctuation, "- Như trên;" first when addressed, "- Lưu: VT, …" last."""
    out = []
    bad = next((p for p in items[:-1] if not p.text.rstrip().endswith(";")), None)
    if bad or not items[-1].text.rstrip().endswith("."):
        out.append(V("recipients-items", "Các nơi nhận kết thúc bằng “;”, nơi cuối cùng bằng"
                     " “.”.", bad or items[-1]))
    if ctx.addressed and not re.match(r"-\s*Như trên", items[0].text.strip()):
        out.append(V("recipients-items", "Văn bản có “Kính gửi” thì nơi nhận đầu tiên là"
                     " “- Như trên;”.", items[0]))
    if not re.match(r"-\s*Lưu\s*:\s*VT\b", items[-1].text.strip()):
        out.append(V("recipients-archive", "Nơi nhận cuối cùng phải là “- Lưu: VT, …”.",
                     items[-1]))
    return out


def _signer(ctx: Context, paras: list[Para]) -> list[Violation]:
    """Check authority lines (prefix, KT. + deputy, bold) and the signer's name."""
    if len(paras) < 2:
        return [V("signer-title", "Thiếu quyền hạn, chức vụ hoặc họ tên người ký.",
                  paras[0] if paras else None, "cuối văn bản")]
    # "(Chữ ký, dấu)" hints of a form are instructions, not authority lines.
    lines, name = [p for p in paras[:-1] if not p.text.strip().startswith("(")], paras[-1]
    out = [v for v in (_prefix(p) for p in lines if not has_tags(p.text)) if v]
    for p, following in zip(lines, lines[1:] + [None]):
        if p.text.strip().startswith("KT.") and (
                following is None or not following.text.strip().startswith("PHÓ")):
            out.append(V("signer-title", "Sau dòng “KT. …” phải là chức vụ cấp phó"
                         " (PHÓ …).", p))
    bad = next((p for p in lines if not bold_sized(ctx, p)), None)
    if bad:
        out.append(V("signer-title", "Quyền hạn, chức vụ người ký phải in hoa, đậm, cỡ 13-14.",
                     bad))
    if ACADEMIC.match(name.text.strip()) or not bold_sized(ctx, name):
        out.append(V("signer-name", "Họ tên người ký in đậm, cỡ 13-14, không ghi học hàm, học"
                     " vị (TS., ThS., PGS.…).", name))
    return out


def _prefix(para: Para) -> Violation | None:
    """Flag an authority prefix other than TM., Q., KT., TL., TUQ."""
    m = PREFIX.match(para.text.strip())
    if m and m[1] not in PREFIXES:
        return V("signer-prefix", f"Chữ viết tắt “{m[1]}” không hợp lệ: chỉ dùng TM., Q., KT.,"
                 " TL., TUQ.", para)
    return None


def check_end_mark(ctx: Context) -> list[Violation]:
    """Require the body's last paragraph to end with "./."."""
    if not ctx.body or ctx.body[-1].text.rstrip().endswith("./."):
        return []
    return [V("end-mark", "Đoạn cuối cùng của nội dung phải kết thúc bằng dấu “./.”.",
              ctx.body[-1])]
