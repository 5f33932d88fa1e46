/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The file formats Kith imports and exports, for kith-cli import/export, File → Import/Export
 * and dropping a file on a list. Each format lives in a file of its own and is named here once.
 */

#include "config.h"

#include "kith-transfer.h"
#include "kith-vcard.h"

static const KithTransferFormat *const formats[] = {
  &kith_vcard_format,
  NULL
};

guint
kith_transfer_format_count (void)
{
  return G_N_ELEMENTS (formats) - 1;
}

/**
 * kith_transfer_format_get:
 *
 * Returns: (transfer none): the @i-th format, in the order menus show them
 */
const KithTransferFormat *
kith_transfer_format_get (guint i)
{
  g_return_val_if_fail (i < kith_transfer_format_count (), NULL);

  return formats[i];
}

/**
 * kith_transfer_format_lookup:
 *
 * Returns: (transfer none) (nullable): the format called @name ("csv", "vcard" …)
 */
const KithTransferFormat *
kith_transfer_format_lookup (const char *name)
{
  for (guint i = 0; formats[i] != NULL; i++)
    if (g_ascii_strcasecmp (formats[i]->name, name) == 0)
      return formats[i];

  return NULL;
}

/**
 * kith_transfer_format_for_file:
 *
 * Returns: (transfer none) (nullable): the format a file's name says it is in
 */
const KithTransferFormat *
kith_transfer_format_for_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; formats[i] != NULL; i++)
    for (guint j = 0; formats[i]->extensions[j] != NULL; j++)
      if (g_str_has_suffix (lower, formats[i]->extensions[j]))
        return formats[i];

  return NULL;
}
