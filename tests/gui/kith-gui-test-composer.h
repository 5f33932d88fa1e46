/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The composer window a test has opened, and its parts found as a user finds them: a field by
 * its caption, the body by what it is. */

#include "compose/kith-composer.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-window.h"

/* The composer on screen, or NULL */
static inline KithComposer *
composer (void)
{
  return KITH_COMPOSER (shown_window_of (KITH_TYPE_COMPOSER));
}

static inline gboolean
is_caption (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The field of the composer captioned @caption ("To", "Subject"), as the caption's mnemonic
 * points at it */
static inline GtkWidget *
field (const char *caption)
{
  GtkWidget *label = find_where (GTK_WIDGET (composer ()), is_caption, caption);

  g_assert_nonnull (label);
  return gtk_label_get_mnemonic_widget (GTK_LABEL (label));
}

/* The text of the composer's body */
static inline char *
body_text (void)
{
  GtkTextView *view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (composer ()), GTK_TYPE_TEXT_VIEW, NULL));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
