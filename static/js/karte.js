// The Quartiere map: a progressive enhancement of the list on /quartiere/.
// Boundaries and labels come from /quartiere.geojson and are drawn as vectors, so they stay
// visible when the tile server is blocked (many offices block it); tiles are only background.
(function () {
  "use strict";

  var BOUNDARY = {
    color: "#1b4f8f",
    weight: 2,
    opacity: 1,
    fillColor: "#1b4f8f",
    fillOpacity: 0.12,
  };
  var BOUNDARY_HOVER = { weight: 4, fillOpacity: 0.25 };

  // The dashboard names a URL in data-aktivitaet-url that answers {slug: {anzahl, stufe, label}}:
  // Quartiere are then shaded by their activity band; Quartiere outside the viewer's scope stay
  // unfilled. The page itself carries no per-Quartier data, so it does not grow with the city.
  var STUFE_OPACITY = { keine: 0.04, gering: 0.25, mittel: 0.5, hoch: 0.8 };
  var OUTSIDE = { color: "#6b7280", weight: 1, opacity: 1, dashArray: "4 4", fillOpacity: 0 };

  function getJson(url, accept) {
    return fetch(url, { headers: { Accept: accept }, credentials: "same-origin" }).then(
      function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      }
    );
  }

  function styleFor(levels, feature) {
    if (!levels) {
      return BOUNDARY;
    }
    var level = levels[feature.properties.slug];
    if (!level) {
      return OUTSIDE;
    }
    var style = {};
    Object.keys(BOUNDARY).forEach(function (key) {
      style[key] = BOUNDARY[key];
    });
    style.fillOpacity = STUFE_OPACITY[level.stufe] || 0;
    return style;
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function showError(container, message) {
    var note = document.createElement("p");
    note.className = "portal-map__error";
    note.textContent = message;
    container.replaceWith(note);
  }

  function label(feature, levels) {
    var link = document.createElement("a");
    link.className = "portal-map__label-link";
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    var level = levels && levels[feature.properties.slug];
    if (level) {
      link.textContent += " (" + level.anzahl + ", " + level.label + ")";
    }
    return link;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Neighbouring Quartiere are small at the overview zoom: push a label down until it no
  // longer covers one above it, so every name stays readable.
  function declutter(labels) {
    var elements = labels
      .map(function (tooltip) {
        return tooltip.getElement();
      })
      .filter(Boolean);
    elements.forEach(function (element) {
      element.style.marginTop = "";
    });
    var boxes = elements.map(function (element) {
      return { element: element, rect: element.getBoundingClientRect() };
    });
    boxes.sort(function (a, b) {
      return a.rect.top - b.rect.top;
    });
    var placed = [];
    boxes.forEach(function (box) {
      var shift = 0;
      var moved = true;
      while (moved) {
        moved = false;
        var current = {
          left: box.rect.left,
          right: box.rect.right,
          top: box.rect.top + shift,
          bottom: box.rect.bottom + shift,
        };
        for (var i = 0; i < placed.length; i++) {
          if (overlaps(current, placed[i])) {
            shift = placed[i].bottom - box.rect.top + 2;
            moved = true;
            break;
          }
        }
      }
      if (shift) {
        box.element.style.marginTop = shift + "px";
      }
      placed.push({
        left: box.rect.left,
        right: box.rect.right,
        top: box.rect.top + shift,
        bottom: box.rect.bottom + shift,
      });
    });
  }

  function draw(container, section, data, levels) {
    var features = (data && data.features) || [];
    if (!features.length) {
      withdraw(section);
      return;
    }
    var map = L.map(container, { zoomControl: false, scrollWheelZoom: false, zoomSnap: 0.25 });
    L.control
      .zoom({
        zoomInTitle: container.dataset.zoomIn,
        zoomOutTitle: container.dataset.zoomOut,
      })
      .addTo(map);

    var boundaries = L.geoJSON(data, {
      style: function (feature) {
        return styleFor(levels, feature);
      },
      onEachFeature: function (feature, layer) {
        layer.on("mouseover", function () {
          layer.setStyle(BOUNDARY_HOVER);
        });
        layer.on("mouseout", function () {
          layer.setStyle(styleFor(levels, feature));
        });
        layer.on("click", function () {
          window.location.href = feature.properties.url;
        });
      },
    }).addTo(map);
    map.fitBounds(boundaries.getBounds(), { padding: [16, 16] });

    var labels = features.map(function (feature) {
      var point = feature.properties.label_point;
      return L.tooltip({
        permanent: true,
        interactive: true,
        direction: "center",
        className: "portal-map__label",
      })
        .setLatLng([point[1], point[0]])
        .setContent(label(feature, levels))
        .addTo(map);
    });
    declutter(labels);
    map.on("zoomend", function () {
      declutter(labels);
    });

    // The background map comes last: if its server is unreachable, nothing above depends on it.
    if (container.dataset.tileUrl) {
      L.tileLayer(container.dataset.tileUrl, {
        attribution: escapeHtml(container.dataset.tileAttribution || ""),
        maxZoom: 19,
      }).addTo(map);
    }
  }

  // portal.css keeps the section's room from the first paint on where scripts run (so the
  // page does not move when the map arrives); without a map it gives the room back.
  function withdraw(section) {
    section.hidden = true;
    delete section.dataset.karte;
  }

  function init() {
    var container = document.getElementById("karte");
    var section = document.querySelector("[data-karte]");
    if (!section) {
      return;
    }
    if (!container || typeof window.L === "undefined" || !window.fetch) {
      withdraw(section);
      return;
    }
    section.hidden = false;
    var levelsUrl = container.dataset.aktivitaetUrl;
    Promise.all([
      getJson(container.dataset.geojsonUrl, "application/geo+json"),
      levelsUrl ? getJson(levelsUrl, "application/json") : Promise.resolve(null),
    ])
      .then(function (results) {
        draw(container, section, results[0], results[1]);
      })
      .catch(function () {
        showError(container, container.dataset.error);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
