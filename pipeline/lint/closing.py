"""Rules of the end of a document: "Nơi nhận:" and its items with "- Lưu: VT, …", the
signer's authority and name, and the "./." that ends the body.
"""
from __future__ import annotations

import re

from .document import Context, Para, printing
from .ooxml import has_tags, is_upper, qn, short
from .props import align, all_runs, any_runs, in_range, pts, sizes
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
    out = _label(ctx, label)
    paras = printing(ctx.cell_paras(tbl, label.cell, label.row, 1))
    out += _recipients(ctx, paras[[p.el for p in paras].index(label.el) + 1:])
    if signer is not None:
        column = signer.getparent().findall(qn("w:tc")).index(signer) + 1
        out += _signer(ctx, printing(ctx.cell_paras(tbl, signer, label.row, column)))
    return out


def _label(ctx: Context, label: Para) -> list[Violation]:
    """Require "Nơi nhận:" bold italic 12 pt, flush left."""
    out = []
    for tag, name in (("b", "đậm"), ("i", "nghiêng")):
        if not all_runs(ctx, label, tag):
            out.append(V("recipients-label", f"“Nơi nhận:” chưa in {name}; phải in nghiêng,"
                         " đậm.", label, value=f"không {name}"))
    found = sizes(ctx, label)
    if not in_range(found, 11.5, 12.5):
        out.append(V("recipients-label", f"“Nơi nhận:” đang cỡ {pts(found)}; phải cỡ 12.",
                     label, value=pts(found)))
    if align(ctx, label) == "center":
        out.append(V("recipients-label", "“Nơi nhận:” đang căn giữa; phải sát lề trái.", label,
                     value="giữa"))
    return out


def _recipients(ctx: Context, items: list[Para]) -> list[Violation]:
    """Check the "- …;" items: 11 pt upright, ";" between, "." last, "- Lưu: VT, …" last."""
    if not items:
        return [V("recipients-items", "Dưới “Nơi nhận:” chưa có nơi nhận nào; mỗi nơi nhận một"
                  " dòng “- …;”.", where="cuối văn bản")]
    out = []
    for p in items:
        found = sizes(ctx, p)
        if not in_range(found, 10.5, 11.5):
            out.append(V("recipients-items", f"Nơi nhận đang cỡ {pts(found)}; phải cỡ 11.", p,
                         value=pts(found)))
        for tag, name in (("b", "đậm"), ("i", "nghiêng")):
            if any_runs(ctx, p, tag):
                out.append(V("recipients-items", f"Nơi nhận đang in {name}; phải chữ đứng,"
                             " không đậm.", p, value=name))
        if not p.text.lstrip().startswith("-"):
            out.append(V("recipients-items", "Nơi nhận chưa có gạch đầu dòng; mỗi nơi nhận bắt"
                         " đầu bằng “- ”.", p))
    if any(has_tags(p.text) for p in items):
        return out
    return out + _recipients_text(ctx, items)


def _recipients_text(ctx: Context, items: list[Para]) -> list[Violation]:
    """Check the punctuation, "- Như trên;" first when addressed, "- Lưu: VT, …" last."""
    out = []
    for p in items[:-1]:
        end = p.text.rstrip()[-1:]
        if end != ";":
            out.append(V("recipients-items", f"Nơi nhận đang kết thúc bằng “{end}”; mỗi nơi nhận"
                         " (trừ dòng cuối) kết thúc bằng dấu chấm phẩy (;).", p, value=end))
    end = items[-1].text.rstrip()[-1:]
    if end != ".":
        out.append(V("recipients-items", f"Dòng nơi nhận cuối đang kết thúc bằng “{end}”; phải"
                     " kết thúc bằng dấu chấm (.).", items[-1], value=end))
    if ctx.addressed and not re.match(r"-\s*Như trên", items[0].text.strip()):
        out.append(V("recipients-items", "Văn bản có “Kính gửi” nhưng nơi nhận đầu tiên chưa"
                     " phải “- Như trên;”.", items[0]))
    if not re.match(r"-\s*Lưu\s*:\s*VT\b", items[-1].text.strip()):
        out.append(V("recipients-archive", "Nơi nhận cuối cùng chưa phải dòng lưu; phải là"
                     " “- Lưu: VT, <đơn vị soạn thảo>.”.", items[-1]))
    return out


# Titles of a head of agency: a document issued under one of them is signed personally.
HEAD = re.compile(r"^(CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|CHÁNH|TRƯỞNG"
                  r"|VIỆN TRƯỞNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG CỤC TRƯỞNG"
                  r"|THỦ TRƯỞNG)\b")


def _signer(ctx: Context, paras: list[Para]) -> list[Violation]:
    """Check authority lines (prefix, KT. + deputy, TM., bold) and the signer's name."""
    if len(paras) < 2:
        return [V("signer-title", "Thiếu quyền hạn, chức vụ hoặc họ tên người ký.",
                  paras[0] if paras else None, "cuối văn bản")]
    # "(Chữ ký, dấu)" hints of a form are instructions, not authority lines.
    lines, name = [p for p in paras[:-1] if not _hint(p.text.strip())], paras[-1]
    out = [v for v in (_prefix(p) for p in lines if not has_tags(p.text)) if v]
    out += _personal(ctx, lines)
    for p, following in zip(lines, lines[1:] + [None]):
        if p.text.strip().startswith("KT.") and (
                following is None or not following.text.strip().startswith("PHÓ")):
            out.append(V("signer-title", "Sau dòng “KT. …” chưa có chức vụ cấp phó; dòng dưới"
                         " phải là “PHÓ …”.", p))
    for p in lines:
        out += _bold_upper(ctx, p, "signer-title", "Quyền hạn, chức vụ người ký")
    if ACADEMIC.match(name.text.strip()):
        title = ACADEMIC.match(name.text.strip())[0]
        out.append(V("signer-name", f"Trước họ tên người ký đang ghi “{title}”; không ghi học"
                     " hàm, học vị.", name, value=title))
    out += _bold_upper(ctx, name, "signer-name", "Họ tên người ký", upper=False)
    return out


def _hint(value: str) -> bool:
    """Return True for a line of a "(Chữ ký …, dấu …)" hint, which may run over two lines."""
    return value.startswith("(") or (value.endswith(")") and not is_upper(value))


def _bold_upper(ctx: Context, para: Para, code: str, what: str, upper=True) -> list[Violation]:
    """Require bold, 13-14 pt (and capitals for authority lines)."""
    out = []
    if not all_runs(ctx, para, "b"):
        out.append(V(code, f"{what} chưa in đậm; phải in đậm.", para, value="không đậm"))
    if upper and not is_upper(para.text):
        out.append(V(code, f"{what} đang viết thường; phải in hoa.", para, value="chữ thường"))
    found = sizes(ctx, para)
    if not in_range(found, 13, 14):
        out.append(V(code, f"{what} đang cỡ {pts(found)}; phải cỡ 13-14.", para,
                     value=pts(found)))
    return out


def issuer(ctx: Context) -> Para | None:
    """Return the line naming a head of agency as the issuer, if the document has one: the
    authority line above the legal bases ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")."""
    for para in ctx.body:
        value = para.text.strip()
        if value.startswith("("):
            continue        # a note such as "(Văn bản lập từ số liệu mẫu …)"
        if value.startswith("Căn cứ") or not is_upper(value) or has_tags(value):
            break
        if HEAD.match(value):
            return para
    return None


def _personal(ctx: Context, lines: list[Para]) -> list[Violation]:
    """Flag "TM." when the document is issued by a head of agency personally."""
    head = issuer(ctx)
    tm = next((p for p in lines if p.text.strip().startswith("TM.")), None)
    if head is None or tm is None:
        return []
    return [V("signer-tm", f"Văn bản do {short(head.text.strip(), 50)} ban hành theo thẩm quyền"
              " cá nhân nhưng người ký ghi “TM.”; “TM.” chỉ dùng khi ký thay mặt tập thể (ghi"
              " “CHỦ TỊCH” hoặc “KT. CHỦ TỊCH” / “PHÓ CHỦ TỊCH”).", tm, value="TM.")]


def _prefix(para: Para) -> Violation | None:
    """Flag an authority prefix other than TM., Q., KT., TL., TUQ."""
    m = PREFIX.match(para.text.strip())
    if m and m[1] not in PREFIXES:
        return V("signer-prefix", f"Chữ viết tắt quyền hạn đang là “{m[1]}”; chỉ dùng TM., Q.,"
                 " KT., TL., TUQ.", para, value=m[1])
    return None


def check_end_mark(ctx: Context) -> list[Violation]:
    """Require the body's last paragraph to end with "./."."""
    if not ctx.body or ctx.body[-1].text.rstrip().endswith("./."):
        return []
    return [V("end-mark", "Đoạn cuối của nội dung chưa kết thúc bằng “./.”; thêm “./.” sau"
              " dấu câu cuối.", ctx.body[-1])]
