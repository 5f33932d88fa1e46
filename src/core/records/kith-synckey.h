/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Normalised forms that identify a record. Each returns NULL (and sets @error when given)
 * when the input is not of that kind. */
char     *kith_synckey_email   (const char *email, GError **error);
char     *kith_synckey_domain  (const char *domain, GError **error);
char     *kith_synckey_handle  (const char *handle, GError **error);
char     *kith_synckey_app_id  (const char *app_id, GError **error);
char     *kith_synckey_phone_digits (const char *phone, const char *region);
gboolean  kith_validate_text   (const char *field, const char *value, gsize max_len, GError **error);
gboolean  kith_validate_text_untranslated (const char *label, const char *value, gsize max_len,
                                           GError **error);

G_END_DECLS
