// Add an article: paste its text (or HTML) or upload a file, with the URL and date it came
// with; the server codes it, stores it, and we open its document page.
import { health, post } from "../api.js";
import { errorBox, h, loading, mount } from "../dom.js";
import { go } from "../router.js";

const TOKEN_KEY = "eventwire.token";  // kept for this browser tab only
const TEXT_FILES = /\.(txt|text|html?|xhtml)$/i;
const looksLikeHtml = (s) => /^\s*</.test(s) && /<\/(p|div|html|body|article|span|h\d)>/i.test(s);

function field(label, control, hint = null, cls = "") {
  return h("label", { class: `field ${cls}`.trim() }, label, control, hint ? h("span", { class: "hint" }, hint) : null);
}

export async function render(root, { isCurrent }) {
  mount(root, loading("Checking what this server allows"));
  let writable = false;
  try { writable = !!(await health()).writable; } catch (e) { /* shown below as read-only */ }
  if (!isCurrent()) return;

  const status = h("div", { class: "form-status", role: "status", "aria-live": "polite" });
  const error = h("div", { class: "form-error-box", role: "alert" });
  const textArea = h("textarea", { name: "text", rows: 14, placeholder: "Paste the article's text here (or its HTML: the page's text is extracted as `eventwire ingest` does).", spellcheck: "false" });
  const isHtml = h("input", { type: "checkbox", name: "html" });
  textArea.addEventListener("input", () => { if (!isHtml.dataset.touched) isHtml.checked = looksLikeHtml(textArea.value); });
  isHtml.addEventListener("change", () => { isHtml.dataset.touched = "1"; });
  const file = h("input", { type: "file", name: "file", accept: ".txt,.html,.htm,.jsonl,.json,.rss,.xml,.atom,.warc,.gz" });
  const token = h("input", { type: "password", name: "token", autocomplete: "off", value: sessionStorage.getItem(TOKEN_KEY) || "",
                             placeholder: "the server's EVENTWIRE_TOKEN", required: writable ? true : null });
  const submit = h("button", { type: "submit", class: "primary", disabled: writable ? null : true }, "Code and store");

  const form = h("form", { class: "add-form", "aria-label": "Add an article" },
    writable
      ? h("p", { class: "note" }, "This server accepts new articles with its write token (",
          h("code", {}, "EVENTWIRE_TOKEN"), "). The token stays in this browser tab only.")
      : h("p", { class: "note warn" }, "This server is read-only: start it with ", h("code", {}, "EVENTWIRE_TOKEN=… eventwire serve"),
          " to add articles here (or use ", h("code", {}, "eventwire ingest"), ")."),
    field("Write token", token, null, "wide"),
    h("div", { class: "grid-fields" },
      field("Title", h("input", { type: "text", name: "title", autocomplete: "off" })),
      field("URL (where it came from)", h("input", { type: "url", name: "url", placeholder: "https://…", autocomplete: "off" }), "kept as the article's provenance"),
      field("Outlet", h("input", { type: "text", name: "outlet", autocomplete: "off" })),
      field("Published", h("input", { type: "date", name: "published" }), "the date the article appeared; events are dated from it")),
    field("Article", textArea, null, "wide"),
    h("div", { class: "toggles" }, h("label", {}, isHtml, "The pasted text is HTML")),
    field("… or upload a file", file, "txt or html (the fields above apply), or jsonl, rss, warc (their own metadata apply)", "wide"),
    h("div", { class: "actions" }, submit, status),
    error);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    mount(error);
    const d = new FormData(form);
    const v = (k) => (d.get(k) || "").toString().trim();
    const tok = v("token");
    if (tok) sessionStorage.setItem(TOKEN_KEY, tok);
    const meta = { title: v("title") || undefined, url: v("url") || undefined, outlet: v("outlet") || undefined,
                   published: v("published") || undefined };
    const upload = file.files && file.files[0];
    let body, params = {};
    try {
      if (upload && TEXT_FILES.test(upload.name)) {
        const content = await upload.text();
        body = /\.x?html?$/i.test(upload.name) ? { ...meta, html: content } : { ...meta, text: content };
        if (!meta.title && !body.html) body.title = upload.name.replace(/\.[^.]+$/, "");
      } else if (upload) {
        body = new FormData();
        body.append("file", upload, upload.name);
        if (meta.published) params = { published: meta.published };
      } else {
        const text = textArea.value;
        if (!text.trim()) { mount(error, errorBox(new Error("Paste an article's text (or choose a file) first."))); textArea.focus(); return; }
        body = isHtml.checked ? { ...meta, html: text } : { ...meta, text };
      }
    } catch (err) {
      mount(error, errorBox(err)); return;
    }
    submit.disabled = true;
    mount(status, h("span", { class: "spinner" }), "Coding the article… (the first one after the server starts also loads the model)");
    try {
      const answer = await post("/api/documents", body, { token: tok, params });
      if (!isCurrent()) return;
      const docs = answer.documents || [];
      const bad = docs.filter((x) => x.error).map((x) => `${x.path || x.doc_id}: ${x.error}`).concat(answer.errors || []);
      const first = docs.find((x) => !x.error);
      if (!first) throw new Error(bad.join("; ") || "The server stored nothing.");
      const stored = first.stored ? "stored" : "already stored";
      mount(status, `${docs.length} article${docs.length === 1 ? "" : "s"} ${stored}, ${answer.events.length} events coded.`);
      go(["doc", first.doc_id], { back: "/docs", added: first.stored ? "1" : "dup" });
    } catch (err) {
      if (!isCurrent()) return;
      mount(status);
      const hint = err.status === 401 ? " Check the write token." : err.status === 403 ? " This server does not accept articles." : "";
      mount(error, errorBox(Object.assign(new Error(err.message + hint), { status: err.status })));
    } finally {
      submit.disabled = !writable;
    }
  });

  mount(root,
    h("div", { class: "page-head" }, h("a", { class: "back", href: "#/docs" }, "← Documents"), h("h1", {}, "Add an article")),
    h("section", { class: "panel" }, form));
}
