/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The formatting KithRichText keeps in its buffer: named tags for bold and italic, a tag per link
 * named after its address, and bulleted lines that start with BULLET tagged "bullet". */
#define KITH_RICH_TAG_BOLD     "bold"
#define KITH_RICH_TAG_ITALIC   "italic"
#define KITH_RICH_TAG_BULLET   "bullet"
#define KITH_RICH_BULLET       "• "

void        kith_rich_text_ensure_tags        (GtkTextBuffer     *buffer);
GtkTextTag *kith_rich_text_link_tag           (GtkTextBuffer     *buffer,
                                               const char        *href);
const char *kith_rich_text_iter_get_href      (const GtkTextIter *iter);
gboolean    kith_rich_text_line_is_bullet     (const GtkTextIter *iter);
void        kith_rich_text_insert_bullet      (GtkTextBuffer     *buffer,
                                               GtkTextIter       *iter);
char       *kith_rich_text_buffer_get_html    (GtkTextBuffer     *buffer);
char       *kith_rich_text_buffer_get_text    (GtkTextBuffer     *buffer);
void        kith_rich_text_buffer_insert_html (GtkTextBuffer     *buffer,
                                               GtkTextIter       *iter,
                                               const char        *html);

G_END_DECLS
