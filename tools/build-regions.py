#!/usr/bin/env python3
"""Build patterns/regions.tsv from the areacodes summary table (result.csv).

usage: build-regions.py RESULT_CSV [OUT_TSV]     (OUT_TSV defaults to standard output)

result.csv is the summary table of yescallop/areacodes (commit eed219a0678d, 2025-11-04, CC0 1.0),
compiled from the Ministry of Civil Affairs' county-level-and-above code lists. Columns:
代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码 (file starts with a BOM).

Output: one row per distinct (name, code), tab-separated:
    name  code  level  status  province  prefecture  current
- level: 省 / 地 / 县 (province-, prefecture-, county-level);
- status: 在用 (in use), 弃用 (retired), 变更 (changed: same area, new name or code), 简称 (a short form
  generated here: 黔西南布依族苗族自治州 -> 黔西南州, 长阳土家族自治县 -> 长阳县, 广西壮族自治区 -> 广西);
- province / prefecture: the province- and prefecture-level unit the row belonged to (prefecture empty for a
  province, and for a county directly under a province-level unit, 直辖 in the source);
- current: for a row that is not in use, today's code(s) of its area (';'-separated when the area was split
  and no successor carries the old name), found by following 新代码 through later changes; empty for a row in
  use or a short form (its own code is current), and empty when no successor can be told.

Successor rules: entries of 新代码 with a "[YYYY]" suffix are partial area transfers and are skipped; the
undated entries are the successors, followed until a code that is in use. A changed (变更) row whose own code is
still in use maps to that code. When several successors remain, the one whose name shares the old name's stem
(抚宁县 -> 抚宁区) is kept if there is exactly one. A retired prefecture without an undated successor
(唐山地区) maps to the in-use unit of the same level and province with the same stem (唐山市) if there is exactly
one.

Python 3.11, standard library only.
"""
import csv
import sys
from collections import defaultdict

SOURCE = "yescallop/areacodes commit eed219a0678d (2025-11-04), result.csv, CC0 1.0"

# Ethnic group names as they appear inside autonomous-area names (with and without 族).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
AUTONOMOUS = (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗"), ("自治区", ""))
STEM_SUFFIXES = ("特别行政区", "自治县", "自治州", "自治旗", "自治区", "地区", "林区", "矿区", "新区",
                 "区", "县", "市", "旗", "州", "盟", "省")
LEVEL = {"省级": "省", "地级": "地", "县级": "县"}


def stem(name):
    for suffix in STEM_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def short_form(name):
    """黔西南布依族苗族自治州 -> 黔西南州; None when the name is not autonomous or nothing is left."""
    for long_suffix, short_suffix in AUTONOMOUS:
        if not name.endswith(long_suffix):
            continue
        rest = name[: -len(long_suffix)]
        changed = True
        while changed:
            changed = False
            for group in sorted(ETHNIC, key=len, reverse=True):
                for word in (group + "族", group):
                    if rest.endswith(word) and len(rest) > len(word):
                        rest = rest[: -len(word)]
                        changed = True
                        break
                if changed:
                    break
        if len(rest) < 2 or rest == name[: -len(long_suffix)]:
            return None
        return rest + short_suffix
    return None


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))

    in_use = {}  # code -> row in use
    by_code = defaultdict(list)
    for r in rows:
        by_code[r["代码"]].append(r)
        if r["状态"] == "在用":
            in_use[r["代码"]] = r

    def undated(entry_list):
        return [e for e in entry_list.split(";") if e and "[" not in e]

    def by_stem(row):
        """An in-use unit of the same level and province with the same stem, or None."""
        hits = [c for c, u in in_use.items()
                if u["级别"] == row["级别"] and u["一级行政区"] == row["一级行政区"]
                and stem(u["名称"]) == stem(row["名称"])]
        return hits[0] if len(hits) == 1 else None

    def current(code, year, seen):
        """Today's codes for a code that took over an area in `year`, following later changes."""
        if code in in_use:
            return [code]
        later = sorted((r for r in by_code.get(code, []) if int(r["启用时间"] or 0) >= year),
                       key=lambda r: int(r["启用时间"] or 0))
        olds = later or sorted(by_code.get(code, []), key=lambda r: int(r["启用时间"] or 0))[-1:]
        if not olds or id(olds[0]) in seen:
            return []
        return successors(olds[0], seen)

    def successors(row, seen=frozenset()):
        if row["状态"] == "在用":
            return [row["代码"]]
        nexts = undated(row["新代码"])
        if not nexts and row["状态"] == "变更" and row["代码"] in in_use:
            return [row["代码"]]
        out = []
        year = int(row["变更/弃用时间"] or 0)
        for n in nexts:
            for c in current(n, year, seen | {id(row)}):
                if c not in out:
                    out.append(c)
        if not out:
            guess = by_stem(row)
            return [guess] if guess else []
        if len(out) > 1:
            same = [c for c in out if stem(in_use[c]["名称"]) == stem(row["名称"])]
            if len(same) == 1:
                return same
        return out

    out_rows = []
    seen_rows = set()
    shorts = []
    for r in rows:
        prefecture = "" if r["二级行政区"] in ("", "直辖") else r["二级行政区"]
        level = LEVEL[r["级别"]]
        cur = ";".join([] if r["状态"] == "在用" else successors(r))
        if (r["名称"], r["代码"]) not in seen_rows:
            seen_rows.add((r["名称"], r["代码"]))
            out_rows.append((r["名称"], r["代码"], level, r["状态"], r["一级行政区"], prefecture, cur))
        short = short_form(r["名称"])
        if short:
            shorts.append((short, r["代码"], level, "简称", r["一级行政区"], prefecture, cur))
    # A short form is added only where no real row has the same name and code.
    for row in shorts:
        if (row[0], row[1]) not in seen_rows:
            seen_rows.add((row[0], row[1]))
            out_rows.append(row)

    header = [
        "# regions.tsv: China's administrative divisions, county level and above, 1981 to today.",
        f"# Source: {SOURCE},",
        "# compiled from the Ministry of Civil Affairs' published code lists",
        "# (中华人民共和国县级以上行政区划代码), its change notices and the State Council gazette.",
        "# Snapshot of 2025-11-04; the newest change it records took effect in 2024. Rebuild with:",
        "#   python3 tools/build-regions.py result.csv patterns/regions.tsv",
        "# Columns (tab-separated): name, code, level (省/地/县), status (在用 in use, 弃用 retired,",
        "# 变更 changed, 简称 a short form of an autonomous area's name), province, prefecture (empty for a",
        "# province and for a county directly under a province-level unit), current (for a row not in use:",
        "# today's code(s), ';'-separated when the area was split; empty when it is the row's own code or",
        "# cannot be told).",
    ]
    out_rows.sort(key=lambda r: (r[1], r[3] == "简称", r[0]))
    text = "\n".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in out_rows)
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)
