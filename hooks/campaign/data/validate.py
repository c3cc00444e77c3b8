"""Turn pydantic's findings into Chinese messages an editor can act on."""

from __future__ import annotations

import difflib
import re
import typing

from pydantic import BaseModel, ValidationError

from campaign.data.yamlsource import Source
from campaign.fields.mistake import Mistake, shown

LIST_HINT = "写成列表，每一项单独一行，以“- ”开头。"


def validate(model: type[BaseModel], data, source: Source, loc: tuple, year: int):
    """The model instance, or None after adding each mistake to `source.problems`."""
    try:
        return model.model_validate(data, context={"year": year})
    except ValidationError as errors:
        for error in _one_per_mistake(errors.errors(include_url=False), model):
            message, hint = explain(error, model)
            source.problems.append(source.problem(loc + tuple(error["loc"]), message, hint))
        return None


def _one_per_mistake(errors: list[dict], model) -> list[dict]:
    """A misspelt key is one mistake, not two: drop the "missing" error for the key it meant."""
    meant = {
        error["loc"][:-1] + (_closest(str(error["loc"][-1]), _model_at(model, error["loc"][:-1])),)
        for error in errors
        if error["type"] == "extra_forbidden"
    }
    return [error for error in errors if not (error["type"] == "missing" and error["loc"] in meant)]


def _missing_hint(owner, key: str) -> str:
    """What to add: the key with an example value from the model, and what the field is for."""
    field = getattr(owner, "model_fields", {}).get(key)
    examples = [e for e in (field.examples or []) if isinstance(e, (str, int, float))] if field else []
    hint = f"添加一行「{key}: {examples[0] if examples else '…'}」"
    return hint + (f"：{field.description.rstrip('。')}。" if field and field.description else "。")


def explain(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) in Chinese for one of pydantic's errors; its English `msg` is never shown."""
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx", {})
    owner = _model_at(model, loc[:-1]) if loc else model
    name = _field_name(owner, loc[-1]) if loc else "这一项"
    raw = error.get("input")
    value = shown(raw)
    if kind == "missing":
        return f"缺少必填字段{name}。", _missing_hint(owner, str(loc[-1]))
    if kind == "extra_forbidden":
        return f"不认识的字段「{loc[-1]}」。", _suggest(str(loc[-1]), owner)
    if kind == "value_error":
        cause = ctx.get("error")
        if not isinstance(cause, Mistake):  # not one of our readers' errors: its text is Python's English
            return f"{name}的值「{value}」不对。", _CHECK_EXAMPLE
        return f"{name}：{cause.message}。", cause.hint
    if kind == "string_pattern_mismatch" and str(loc[-1]) in {"id", "domain", "parent"}:
        return (
            f"{name}「{value}」只能用小写英文字母、数字和连字符。",
            "例如 health-talk、elderly-care（不要用中文、空格或大写字母）。",
        )
    if kind == "string_pattern_mismatch":
        return f"{name}「{value}」格式不对。", _FORMAT_HINTS.get(str(loc[-1]), _CHECK_EXAMPLE)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))  # pydantic lists them in English: 'a', 'b' or 'c'
        return f"{name}不能写「{value}」。", f"只能写：{'、'.join(choices)}。"
    if kind == "list_type":
        square = isinstance(raw, str) and raw[:1] in "【［"
        return f"{name}应该是一个列表。", ("方括号要用英文的 [ ]，各项之间用英文逗号隔开。" if square else LIST_HINT)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        colon = isinstance(raw, str) and "：" in raw
        return (
            f"{name}应该是“字段: 值”的形式。",
            "冒号要用英文冒号“:”，后面加一个空格。" if colon else "对照示例文件，每个字段单独一行，冒号后加一个空格。",
        )
    if kind.startswith(("int_", "float_")) or kind == "finite_number":
        return f"{name}应该是数字，现在是「{value}」。", "只写阿拉伯数字，例如 28 或 2.2；单位写在 unit 里。"
    if kind.startswith("bool_"):
        return f"{name}只能写 true 或 false，现在是「{value}」。", "完成了写 true；没完成写 false，或不写这一行。"
    if kind.startswith("date") and isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw.strip()):
        return f"{name}「{value}」这一天不存在。", "核对年、月、日，写成 2021-09-12 这样的格式。"
    if kind.startswith("date"):
        return f"{name}应该是日期，现在是「{value}」。", "写成 2021-09-12 这样的格式。"
    if kind in _BOUNDS:
        said, meant, key = _BOUNDS[kind]
        return f"{name}{said} {ctx[key]:g}，现在是「{value}」。", f"写一个{meant} {ctx[key]:g} 的数。"
    if kind == "string_too_short":
        return f"{name}不能为空。", "填写内容，或删除这一行；文字以“#”开头时要加英文引号（否则会被当成注释）。"
    if kind == "string_too_long":
        return (
            f"{name}太长了：{len(raw.strip())} 个字，最多 {ctx['max_length']} 个字。",
            f"删短到 {ctx['max_length']} 个字以内。",
        )
    if kind == "string_type":
        return f"{name}应该是一段文字。", "直接写文字；多行文字用“|”开头，下一行起缩进书写。"
    return f"{name}的值「{value}」不对。", _CHECK_EXAMPLE


_CHECK_EXAMPLE = "对照示例文件的写法修改。"
_BOUNDS = {
    "greater_than": ("应大于", "大于", "gt"),
    "greater_than_equal": ("不能小于", "不小于", "ge"),
    "less_than": ("应小于", "小于", "lt"),
    "less_than_equal": ("不能大于", "不大于", "le"),
}
_FORMAT_HINTS = {
    "form_url": "写完整网址，以 https:// 开头。",
    "hotline": "只写数字，例如 12345 或 0533-1234567。",
    "email": "写成 name@example.org 这样的邮箱地址。",
}


def _field_name(model, key) -> str:
    if isinstance(key, int):
        return f"第 {key + 1} 项"
    field = model.model_fields.get(key) if _is_model(model) else None
    return f"「{key}」（{field.title}）" if field and field.title else f"「{key}」"


def _suggest(key: str, model) -> str:
    if not _is_model(model):
        return "删除这一行。"
    close = _closest(key, model)
    listed = "、".join(model.model_fields)
    return (f"是不是想写「{close}」？" if close else "") + f"这里可以写的字段有：{listed}。"


def _closest(key: str, model) -> str | None:
    names = list(model.model_fields) if _is_model(model) else []
    return next(iter(difflib.get_close_matches(key, names, n=1, cutoff=0.6)), None)


def _model_at(model, loc):
    """The model class found by following `loc` (keys and list indexes) from `model`."""
    current = model
    for key in loc:
        if isinstance(key, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif _is_model(current) and key in current.model_fields:
            current = current.model_fields[key].annotation
        current = _unwrap(current)
    return current


def _unwrap(annotation):
    """list[X] stays a list; Optional/Annotated wrappers fall away."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0]) if inner else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _is_model(obj) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)
