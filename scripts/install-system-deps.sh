#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/apt-packages.txt (fonts, PDF tools,
# a browser for the web tests, ...) that are not installed yet. `make run` and
# `make test` call it, so a fresh machine needs nothing installed by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
list=scripts/apt-packages.txt
[ -f "$list" ] || exit 0
missing=()
while read -r pkg _; do
  [ -n "$pkg" ] && [ "${pkg:0:1}" != "#" ] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "缺少系统软件包（需要 root 用 apt-get 安装）：${missing[*]}" >&2
  echo "部分功能（PDF 输出、网页测试等）将不可用。" >&2
  exit 0
fi
echo "安装系统软件包：${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
