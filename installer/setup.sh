#!/usr/bin/env bash
# Installs everything Strata needs to build, run and test on Debian 12 (as root),
# and builds KArchive for Qt 6 once per machine when the distribution lacks it.
#
#   installer/setup.sh            build and run dependencies
#   installer/setup.sh --test     also the test tools (Xvfb, a tray, bsdtar, unzip, 7z, keyring)
#                                 and test servers (Ceph's RADOS Gateway, sshd, rclone; tests/servers)
#   installer/setup.sh --bench    also restic and borg for tests/bench
#   installer/setup.sh --sanitize also clang, its sanitizer and libFuzzer runtimes, the symbolizer
set -euo pipefail

want_test=0 want_bench=0 want_sanitize=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1 ;;
    --sanitize) want_sanitize=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
KF6_VERSION=6.13.0
# The prefix outlives the work tree so KArchive is built once per machine.
KF6_PREFIX=${STRATA_KF6_PREFIX:-/opt/strata-deps/kf6-$KF6_VERSION}

build_pkgs=(
  build-essential cmake ninja-build pkg-config git dpkg-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6sql6-sqlite libqt6svg6
  libquazip1-qt6-dev qtkeychain-qt6-dev
  libzstd-dev libsodium-dev libssl-dev zlib1g-dev liblzma-dev libbz2-dev libsqlite3-dev libgit2-dev
  libcurl4-openssl-dev libssh-dev
  libsource-highlight-dev qt6-qpa-plugins
)
test_pkgs=(
  xvfb xauth trayer x11-utils libarchive-tools unzip p7zip-full zstd xz-utils desktop-file-utils
  gnome-keyring dbus dbus-x11 libsecret-tools
  openssh-server openssh-client
  attr acl libcap2-bin dosfstools fusefat fuse3 sshfs
  restic patch
  ceph-mon ceph-osd radosgw ceph-common rclone python3 curl procps
)
bench_pkgs=(restic borgbackup time)
# installer/dev.sh sanitize, fuzz and tsan (llvm-14 brings llvm-symbolizer for the reports).
sanitize_pkgs=(clang-14 libclang-rt-14-dev llvm-14)

# Distributions that ship KF6 Archive get everything from their own packages.
if ! command -v apt-get >/dev/null 2>&1; then
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y gcc-c++ cmake ninja-build pkgconf-pkg-config qt6-qtbase-devel qt6-qtsvg-devel \
      qt6-qttools-devel quazip-qt6-devel qtkeychain-qt6-devel kf6-karchive-devel libzstd-devel \
      libsodium-devel openssl-devel sqlite-devel libgit2-devel source-highlight-devel libcurl-devel libssh-devel
    ((want_test)) && dnf install -y xorg-x11-server-Xvfb stalonetray xorg-x11-utils bsdtar unzip p7zip gnome-keyring dbus-daemon desktop-file-utils attr acl libcap dosfstools fuse3 patch \
      ceph-mon ceph-osd ceph-radosgw ceph-common rclone python3 curl procps-ng openssh-server openssh-clients
    ((want_bench)) && dnf install -y restic borgbackup time
    ((want_sanitize)) && dnf install -y clang compiler-rt llvm
    exit 0
  fi
  if command -v pacman >/dev/null 2>&1; then
    pacman -S --needed --noconfirm base-devel cmake ninja qt6-base qt6-svg qt6-tools quazip-qt6 qtkeychain-qt6 \
      karchive zstd libsodium openssl sqlite libgit2 source-highlight curl libssh
    ((want_test)) && pacman -S --needed --noconfirm xorg-server-xvfb stalonetray xorg-xwininfo libarchive unzip p7zip gnome-keyring desktop-file-utils attr acl libcap dosfstools fuse3 patch \
      rclone python curl procps-ng openssh
    ((want_bench)) && pacman -S --needed --noconfirm restic borg time
    ((want_sanitize)) && pacman -S --needed --noconfirm clang compiler-rt llvm
    exit 0
  fi
  echo "setup.sh: no apt-get, dnf or pacman here; install Qt 6, QuaZip, Qt Keychain, KF6 Archive," >&2
  echo "          zstd, libsodium, OpenSSL, SQLite, libgit2 and Source-highlight development packages by hand" >&2
  exit 1
fi

pkgs=("${build_pkgs[@]}")
((want_test)) && pkgs+=("${test_pkgs[@]}")
((want_bench)) && pkgs+=("${bench_pkgs[@]}")
((want_sanitize)) && pkgs+=("${sanitize_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# Where the distribution ships KF6 Archive (Debian 13, Fedora, Arch), use it.
system_kf6=0
if apt-cache show libkf6archive-dev >/dev/null 2>&1; then
  system_kf6=1
  dpkg-query -W -f='${Status}' libkf6archive-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkf6archive-dev)
fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ((system_kf6)); then
  exit 0
fi

if [ -f "$KF6_PREFIX/.complete" ]; then
  exit 0
fi

# Debian 12 has KArchive only for Qt 5. Build Debian 13's KF6 sources against Qt 6.4
# with a private apt state, so the system's own apt configuration is left untouched.
echo "setup: building KArchive $KF6_VERSION for Qt 6 into $KF6_PREFIX (once per machine)"
work=$(mktemp -d /tmp/strata-kf6.XXXXXX)
trap 'rm -rf "$work"' EXIT
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/src"
echo "deb-src [signed-by=$keyring] $mirror trixie main" >"$work/apt/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o "APT::Sandbox::User=root")
apt-get "${apt_private[@]}" update -qq
(cd "$work/src" && apt-get "${apt_private[@]}" source --download-only -qq \
  "kf6-extra-cmake-modules=6.13.0-1" "kf6-karchive=6.13.0-2")
(cd "$work/src" && for dsc in *.dsc; do dpkg-source --no-check -x "$dsc" >/dev/null; done)

ecm=$(find "$work/src" -maxdepth 1 -type d -name 'kf6-extra-cmake-modules-*' | head -n1)
karchive=$(find "$work/src" -maxdepth 1 -type d -name 'kf6-karchive-*' | head -n1)
sed -i 's/REQUIRED_QT_VERSION 6\.[0-9.]*/REQUIRED_QT_VERSION 6.4.2/' "$karchive/CMakeLists.txt"
grep -q '#include <QStringEncoder>' "$karchive/src/k7zip.cpp" ||
  sed -i '0,/#include </s//#include <QStringEncoder>\n#include </' "$karchive/src/k7zip.cpp"

cmake -S "$ecm" -B "$work/build-ecm" -G Ninja -DCMAKE_INSTALL_PREFIX="$KF6_PREFIX" \
  -DBUILD_TESTING=OFF -DBUILD_HTML_DOCS=OFF -DBUILD_MAN_DOCS=OFF -DBUILD_QTHELP_DOCS=OFF >/dev/null
cmake --build "$work/build-ecm" >/dev/null
cmake --install "$work/build-ecm" >/dev/null

cmake -S "$karchive" -B "$work/build-karchive" -G Ninja -DCMAKE_INSTALL_PREFIX="$KF6_PREFIX" \
  -DCMAKE_PREFIX_PATH="$KF6_PREFIX" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DBUILD_QCH=OFF -DWITH_LIBZSTD=ON -DWITH_LIBLZMA=ON -DWITH_BZIP2=ON \
  -DCMAKE_INSTALL_RPATH="$KF6_PREFIX/lib" >/dev/null
cmake --build "$work/build-karchive" >/dev/null
cmake --install "$work/build-karchive" >/dev/null
touch "$KF6_PREFIX/.complete"
echo "setup: KArchive ready in $KF6_PREFIX"
