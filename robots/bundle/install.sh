#!/bin/sh
# 自治体RPA オフラインインストール（Linux）/ offline install (Linux)
#   sh install.sh [インストール先 / target folder] [--site site.yaml]
# 1. バンドルの署名と全ファイルのSHA-256を確かめる（標準ライブラリだけの verify_bundle.py）
# 2. 仮想環境を作り、wheels/ だけからインストールする（ネットワークは使わない）
# 3. Tesseract の日本語データを仮想環境に置き、doctor で確認する
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET="$HOME/jichitai-rpa"
SITE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --site) SITE="$2"; shift 2 ;;
    --public-key) BUNDLE_PUBLIC_KEY="$2"; shift 2 ;;
    *) TARGET="$1"; shift ;;
  esac
done
PYTHON="${PYTHON:-python3}"
if [ -n "${BUNDLE_PUBLIC_KEY:-}" ]; then
  "$PYTHON" "$HERE/verify_bundle.py" "$HERE" --public-key "$BUNDLE_PUBLIC_KEY" || exit 1
else
  "$PYTHON" "$HERE/verify_bundle.py" "$HERE" || exit 1
fi
"$PYTHON" -m venv "$TARGET/venv" || { echo "仮想環境を作れません（Debian: apt-get install python3-venv）"; exit 1; }
# --isolated: この端末の pip 設定（社内インデックスなど）を使わず、バンドルの wheels/ だけを見る
"$TARGET/venv/bin/python" -m pip --isolated install -q --no-index --find-links "$HERE/wheels" "jichitai-rpa[ocr2]" \
  || { echo "インストールに失敗しました。上のメッセージを確かめてください"; exit 1; }
mkdir -p "$TARGET/venv/share/tessdata"
cp "$HERE"/tessdata/*.traineddata "$TARGET/venv/share/tessdata/"
echo "インストールしました: $TARGET/venv/bin/robot-runner"
if [ -n "$SITE" ]; then
  exec "$TARGET/venv/bin/robot-runner" doctor --site "$SITE"
fi
exec "$TARGET/venv/bin/robot-runner" doctor
