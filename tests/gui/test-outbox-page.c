/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Sending as Preferences set it: Preferences → Mail's Sending group, changed with the pointer,
 * sets the GSettings keys the composer reads.
 */

#include <adwaita.h>

#include "kith-mail-service.h"
#include "kith-preferences-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore   *t;
  KithMailService *mail;
  GtkWidget       *prefs;
  GSettings       *settings;
} PrefsFixture;

static gboolean
mail_ready (gpointer data)
{
  return kith_mail_service_is_ready (((PrefsFixture *) data)->mail);
}

/* Preferences → Mail over a mail service with no account */
static void
prefs_fixture_set_up (PrefsFixture  *f,
                      gconstpointer  data)
{
  g_autofree char *mail_dir = NULL;

  f->t = gui_test_store_new ();
  f->settings = g_settings_new ("io.github.kithcrm.Kith");
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);

  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (f->prefs), f->mail);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 640, 700);
  gtk_window_present (GTK_WINDOW (f->prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "mail");
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
}

static void
prefs_fixture_tear_down (PrefsFixture  *f,
                         gconstpointer  data)
{
  close_window (f->prefs);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  g_settings_reset (f->settings, "send-undo-seconds");
  g_settings_reset (f->settings, "compose-plain-text");
  g_clear_object (&f->settings);
  kith_test_store_free (f->t);
}

typedef struct {
  GSettings  *settings;
  const char *key;
  guint       value;
} KeyIs;

static gboolean
key_is (gpointer data)
{
  KeyIs *is = data;
  g_autoptr(GVariant) value = g_settings_get_value (is->settings, is->key);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value) == (gboolean) is->value;
  return g_variant_get_uint32 (value) == is->value;
}

/* Picks @choice from the combo row @row's list, with the pointer */
static void
choose_from_combo (GtkWidget  *row,
                   const char *choice)
{
  GtkWidget *popover = find_widget (row, GTK_TYPE_POPOVER, NULL);
  gpointer args[] = { popover, (gpointer) choice };

  scroll_into_view (row);
  click (row);
  wait_until (label_shown, args);
  choose (popover, choice);
}

/* Undo Send and Plain Text Only, changed with the pointer, are the composer's settings at once;
 * a key changed elsewhere shows on its row */
static void
test_sending_settings (PrefsFixture  *f,
                       gconstpointer  data)
{
  GtkWidget *undo_row = find_widget (f->prefs, ADW_TYPE_COMBO_ROW, "Undo Send");
  GtkWidget *plain_row = find_widget (f->prefs, ADW_TYPE_ACTION_ROW, "Plain Text Only");
  GtkWidget *plain_switch = find_widget (plain_row, GTK_TYPE_SWITCH, NULL);
  KeyIs undo = { f->settings, "send-undo-seconds", 30 };
  KeyIs plain = { f->settings, "compose-plain-text", TRUE };

  g_assert_nonnull (undo_row);
  g_assert_nonnull (plain_switch);
  /* The default, 10 s */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 2);

  choose_from_combo (undo_row, "30 seconds");
  wait_until (key_is, &undo);
  choose_from_combo (undo_row, "Off");
  undo.value = 0;
  wait_until (key_is, &undo);

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (plain_switch)));
  scroll_into_view (plain_switch);
  click_when_still (plain_switch);
  wait_until (key_is, &plain);
  click (plain_switch);
  plain.value = FALSE;
  wait_until (key_is, &plain);

  /* Bound, not copied: a value set outside Preferences shows, as the nearest choice */
  g_settings_set_uint (f->settings, "send-undo-seconds", 20);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 3);
  g_settings_set_uint (f->settings, "send-undo-seconds", 4);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 1);
  save_png (f->prefs, "preferences-mail-sending.png");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Camel warns about what it meets in mail; that must not abort the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/outbox/sending-settings", PrefsFixture, NULL, prefs_fixture_set_up, test_sending_settings,
              prefs_fixture_tear_down);

  return g_test_run ();
}
