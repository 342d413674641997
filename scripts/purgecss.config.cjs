// PurgeCSS settings for scripts/prune_kern_css.sh: keep only the KERN rules the portal uses.
// Content is everything that can put a class name into a page: templates, our JS, and the
// Python that emits classes (form widgets, template tags, the SVG charts).
module.exports = {
  content: [
    "templates/**/*.html",
    "static/js/*.js",
    "static/css/*.css",
    "befragung/**/*.py",
    "cockpit/**/*.py",
    "netzwerk/**/*.py",
    "quartiere/**/*.py",
    "gwa_portal/**/*.py",
  ],
  skippedContentGlobs: ["**/migrations/**", "**/tests/**"],
  // Class names that are only ever assembled at run time, so no file spells them out:
  // message levels (includes/_messages.html, allauth/elements/alert.html: kern-alert--{{ level }}).
  safelist: {
    standard: [/^kern-alert--/, /^kern-icon--(info|success|warning|danger)$/],
  },
  variables: true,
  keyframes: true,
  fontFace: true,
};
