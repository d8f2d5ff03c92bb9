"""The faces of printed documents (report PDF, letters), official names first.

Official documents (GB/T 9704) set the title in 小标宋, first-level headings in 黑体,
second-level in 楷体 and the text in 仿宋_GB2312. Those commercial faces are named
first so a machine that has them uses them; the fallbacks are fonts Debian packages
freely (scripts/apt-packages.txt), chosen to look alike:

- title: Noto Serif CJK SC Bold (fonts-noto-cjk, SIL OFL), a heavy 宋 like 小标宋;
- headings: Noto Sans CJK SC (fonts-noto-cjk), a 黑体;
- second-level headings and text: AR PL UKai CN (fonts-arphic-ukai, Arphic Public
  Licence), a 楷 — the nearest free relative of 仿宋 (no 仿宋 is packaged in Debian);
- table cells: Noto Serif CJK SC, a 宋 whose digits line up.

Sizes on disk: fonts-noto-cjk about 130 MB (the serif and sans CJK sets),
fonts-arphic-ukai 17 MB; WeasyPrint embeds only the glyphs used.
"""

TITLE = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "AR PL UMing CN", serif'
HEADING = '"黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'
TEXT = '"仿宋_GB2312", "仿宋", "FangSong", "AR PL UKai CN", "Noto Serif CJK SC", serif'
TABLE = '"宋体", "SimSun", "Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", serif'
