#!/usr/bin/env bash
# Install the Chronolens bundle for the current user (no root), or remove it again.
#
#     resources/install-linux.sh [BUNDLE_DIR]      default: dist/chronolens beside resources/
#     resources/install-linux.sh --uninstall
#
# Puts the bundle in ~/.local/opt/chronolens, a `chronolens` link in ~/.local/bin, the desktop
# entry, icons and AppStream metainfo under ~/.local/share (XDG_DATA_HOME), then runs the
# bundle's --smoke-test. The script also ships inside the bundle (_internal/resources/), and
# from there installs the bundle it sits in.
set -euo pipefail

APP_ID=io.github.chronolens.Chronolens
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/chronolens
bin=$HOME/.local/bin
sizes="16 24 32 48 64 128 256 512"

refresh_caches() {
    # Menus and icon themes notice new files sooner with fresh caches; both tools are optional.
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
    fi
}

if [[ ${1:-} == --uninstall ]]; then
    rm -rf "$opt"
    [[ -L $bin/chronolens ]] && rm -f "$bin/chronolens"
    rm -f "$data/applications/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml" \
          "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    refresh_caches
    echo "Chronolens removed (your stores in $data/Chronolens are kept)."
    exit 0
fi

if [[ $# -gt 0 ]]; then
    bundle=$1
elif [[ -x $here/../../chronolens && -d $here/../../_internal ]]; then
    bundle=$here/../..  # running from inside a bundle
else
    bundle=$here/../dist/chronolens
fi
if [[ ! -x $bundle/chronolens ]]; then
    echo "install-linux.sh: no bundle at $bundle (build it: pyinstaller build.spec)" >&2
    exit 1
fi
bundle=$(cd "$bundle" && pwd)

# The bundle: copied beside the old one, then swapped in, so a failed copy leaves it working.
mkdir -p "$(dirname "$opt")" "$bin"
if [[ $bundle != "$opt" ]]; then
    rm -rf "$opt.new"
    cp -a "$bundle" "$opt.new"
    rm -rf "$opt"
    mv "$opt.new" "$opt"
fi
ln -sfn "$opt/chronolens" "$bin/chronolens"

# The desktop entry runs the installed executable (quoted: the home folder may hold spaces).
mkdir -p "$data/applications" "$data/metainfo"
sed -e "s|^Exec=.*|Exec=\"$opt/chronolens\"|" -e "s|^TryExec=.*|TryExec=$opt/chronolens|" \
    "$here/$APP_ID.desktop" > "$data/applications/$APP_ID.desktop"
install -m 644 "$here/$APP_ID.metainfo.xml" "$data/metainfo/$APP_ID.metainfo.xml"
for size in $sizes; do
    install -D -m 644 "$here/icons/hicolor/${size}x${size}/apps/$APP_ID.png" \
        "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 "$here/icons/hicolor/scalable/apps/$APP_ID.svg" \
    "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches

echo "Chronolens installed in $opt"
if ! "$opt/chronolens" --smoke-test; then
    echo "install-linux.sh: the smoke test failed; see README.md (\"Installing the app\") for" \
         "the system libraries Qt needs" >&2
    exit 1
fi
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "Note: $bin is not on your PATH; the menu entry works, the \`chronolens\` command needs it." ;;
esac
