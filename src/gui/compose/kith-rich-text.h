/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_RICH_TEXT (kith_rich_text_get_type ())
G_DECLARE_FINAL_TYPE (KithRichText, kith_rich_text, KITH, RICH_TEXT, GtkTextView)

GtkWidget    *kith_rich_text_new           (void);
GActionGroup *kith_rich_text_get_actions   (KithRichText *self);
char      *kith_rich_text_get_html         (KithRichText *self);
char      *kith_rich_text_get_text         (KithRichText *self);
void       kith_rich_text_set_text         (KithRichText *self,
                                            const char   *text);
void       kith_rich_text_set_html         (KithRichText *self,
                                            const char   *html);
void       kith_rich_text_insert_signature (KithRichText *self,
                                            const char   *text,
                                            gboolean      above_quote);
void       kith_rich_text_remove_signature (KithRichText *self);
void       kith_rich_text_set_plain_only   (KithRichText *self,
                                            gboolean      plain_only);
gboolean   kith_rich_text_get_plain_only   (KithRichText *self);

G_END_DECLS
