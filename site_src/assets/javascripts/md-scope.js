/*
 * Material's page-storage helpers (__md_scope, __md_hash, __md_get, __md_set), which its bundle needs.
 * Material writes them as an inline <script> into every page; the site's Content-Security-Policy
 * refuses inline script, so site_theme/partials/javascripts/base.html loads this file instead.
 * The code is Material 9.8's, except the scope: the site's root, found from this file's own address
 * (assets/javascripts/ → ../../) where Material prints the page's relative base_url.
 */
__md_scope = new URL("../../", document.currentScript.src);
__md_hash = function (text) {
  return [...text].reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};
__md_get = function (key, storage = localStorage, scope = __md_scope) {
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
__md_set = function (key, value, storage = localStorage, scope = __md_scope) {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // storage full or disabled: Material works without remembering
  }
};
