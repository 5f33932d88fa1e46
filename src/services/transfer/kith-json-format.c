/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Kith's JSON file of everything, for the table of file formats */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-json-format.h"

static const char *const extensions[] = { ".json", NULL };

const KithTransferFormat kith_json_format = {
  .name = "json",
  .title = N_("Kith JSON"),
  .extensions = extensions,
  .content_type = "application/json",
  .import = kith_json_import,
  .export = kith_json_export,
};
