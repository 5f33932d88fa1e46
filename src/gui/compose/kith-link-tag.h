/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_LINK_TAG (kith_link_tag_get_type ())

G_DECLARE_FINAL_TYPE (KithLinkTag, kith_link_tag, KITH, LINK_TAG, GtkTextTag)

GtkTextTag *kith_link_tag_new      (const char  *name,
                                    const char  *href);
const char *kith_link_tag_get_href (KithLinkTag *self);

G_END_DECLS
