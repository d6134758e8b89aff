// The icons the site shows, and nothing else: fontawesome-subset (npm) cuts Font Awesome's
// webfonts down to the glyphs named on stdin, {"names": ["sun", "github", "f05a", ...]}
// (icon names or code points), written as fa-<style>-<weight>.woff2 and .ttf into the folder
// named by the first argument.  Prints {style: [names kept]}: a name a style lacks is left
// out of that style's font (the theme's CSS asks each style only for its own icons).
// Run by _ext/offline_assets.py after the HTML build.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("yaml");
const { fontawesomeSubset } = require("fontawesome-subset");
const { findIconByName, iconHasStyle } = require("fontawesome-subset/dist/utils");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const meta = path.resolve(require.resolve("@fortawesome/fontawesome-free"),
                          "../../metadata/icon-families.yml");
const families = yaml.parse(fs.readFileSync(meta, "utf8"));
const kept = {};
for (const style of ["solid", "regular", "brands"]) {
  kept[style] = [...new Set(request.names)].filter((name) => {
    const icon = findIconByName(families, name);
    return icon && iconHasStyle(icon, style, "free");
  }).sort();
}
fontawesomeSubset(kept, process.argv[2], { targetFormats: ["woff2", "sfnt"] }).then((ok) => {
  if (!ok) process.exit(1);
  process.stdout.write(JSON.stringify(kept));
});
