/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  kith_mail_address_parse       (const char  *text,
                                         char       **out_name,
                                         char       **out_address);
char     *kith_mail_address_message_id  (const char  *from_address);

G_END_DECLS
