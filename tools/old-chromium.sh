#!/usr/bin/env bash
# Fetches and unpacks the real old Chromium builds the old-browser tests run (tests/old_browsers)
# into DEST/<major>/ (default .tools/old-chromium): 79 (below the floor), 80 (the floor), 88.
#
# They come from the npm registry: each `chrome-aws-lambda` package ships a whole headless
# Chromium, brotli-compressed (bin/chromium.br), with its libraries (bin/aws.tar.br, NSS and
# friends; bin/swiftshader.tar.br, software GL). The tarball of each pinned version is checked
# against its sha512 (the npm integrity string) before anything is unpacked. Brotli is undone by
# Node's own zlib (Node is needed for npm anyway), so nothing more is installed.
#
# Idempotent: a build whose folder records the pinned integrity is skipped. Each build is
# unpacked into a temporary folder and moved into place only when complete.
set -euo pipefail

DEST=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.tools/old-chromium"}

# Chromium major, package version, sha512 of the package tarball (npm's dist.integrity).
PINS=(
	"79 2.0.2 sha512-Aqgq5F93eJARkO+O/wD+2bCCFOVQNfA329sdPNl8ib0gsRjS00bAgTc9f5Mvto7H7yDuBcy0V3xJQZwMvmILUg=="
	"80 2.1.1 sha512-Wer2QuygxsCov5bM2+8CLa6qYpNsc5AxYTlgTne00aFoxFP491LGJRxOQtGnYtsJP6UG4pB0SfrwTyPnLys1Lw=="
	"88 5.5.0 sha512-nYSDzTsVEVsvIFaUUAUN53ulXBLKSRXFS+eVYZOLZD5SA1If59rqBAiy4raMgorQwXWqjSsjK1SF4As+qzPLqA=="
)

# Decompresses brotli: unbr IN OUT (OUT "-" is standard output).
unbr() {
	node -e '
		const fs = require("fs"), zlib = require("zlib"), { pipeline } = require("stream");
		const [input, output] = process.argv.slice(1);
		pipeline(fs.createReadStream(input), zlib.createBrotliDecompress(),
			output === "-" ? process.stdout : fs.createWriteStream(output),
			(e) => { if (e) { console.error(input + ": " + e.message); process.exit(1); } });
	' "$1" "$2"
}

sha512_of() {
	node -e '
		const h = require("crypto").createHash("sha512");
		require("fs").createReadStream(process.argv[1]).on("data", (d) => h.update(d))
			.on("end", () => console.log("sha512-" + h.digest("base64")));
	' "$1"
}

mkdir -p "$DEST"
for pin in "${PINS[@]}"; do
	read -r major version integrity <<<"$pin"
	dir="$DEST/$major"
	if [ "$(cat "$dir/.integrity" 2>/dev/null)" = "$integrity" ] && [ -x "$dir/chromium" ]; then
		continue
	fi
	echo "old-chromium: Chromium $major (chrome-aws-lambda@$version) into $dir"
	work=$(mktemp -d "$DEST/.unpack-$major.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	(cd "$work" && npm pack --silent "chrome-aws-lambda@$version" >/dev/null)
	tarball="$work/chrome-aws-lambda-$version.tgz"
	got=$(sha512_of "$tarball")
	if [ "$got" != "$integrity" ]; then
		echo "old-chromium: chrome-aws-lambda@$version has $got, expected $integrity" >&2
		exit 1
	fi
	tar -xzf "$tarball" --no-same-owner -C "$work" package/bin
	out="$work/out"
	mkdir -p "$out/aws" "$out/swiftshader"
	unbr "$work/package/bin/chromium.br" "$out/chromium"
	chmod 755 "$out/chromium"
	# The browser looks for software GL in swiftshader/ beside itself.
	unbr "$work/package/bin/swiftshader.tar.br" - | tar -x --no-same-owner -C "$out/swiftshader"
	unbr "$work/package/bin/aws.tar.br" - | tar -x --no-same-owner -C "$out/aws"
	# aws.tar's fonts.conf names a Lambda path; the browser uses the system's fonts instead.
	rm -f "$out/aws/fonts.conf"
	echo "$version" >"$out/.package-version"
	echo "$integrity" >"$out/.integrity"
	rm -rf "$dir"
	mv "$out" "$dir"
	rm -rf "$work"
	trap - EXIT
done
