// Starts Swagger UI on /docs (a file, not an inline script: the Content-Security-Policy
// allows scripts from this server only). validatorUrl null: no call to an outside validator.
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
