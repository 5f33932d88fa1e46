/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Records linked to each other, driven as a user does (real clicks and key presses through the X
 * server, under Xvfb) over a store in a temporary data dir: a company's people, and a deal's value
 * in the list of Deals.
 */

#include <adwaita.h>

#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  focus_window (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* An inscription on screen whose text starts with @data */
static gboolean
is_inscription_starting (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_inscription_get_text (GTK_INSCRIPTION (widget)) ?: "", data);
}

/* For wait_until (): the list args[0] shows a text starting with args[1] */
static gboolean
list_shows_text (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_inscription_starting, args[1]) != NULL;
}

/* The list of Deals shows each deal's value in its currency, under its name */
static void
test_deal_value_in_list (Fixture       *f,
                         gconstpointer  data)
{
  KithListPage *deals;
  gpointer value[] = { NULL, (gpointer) "$500,000 · Corner lot" };
  gpointer bare[] = { NULL, (gpointer) "€1,250.50" };

  seed_record (f->t, KITH_RECORD_PROJECT,
               "{\"name\": \"Harbour loft\", \"value\": 500000, \"currency\": \"USD\", \"summary\": \"Corner lot\"}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Mill house\", \"value\": 1250.5, \"currency\": \"EUR\"}");

  go_to_page (f->window, "projects");
  deals = list_page (f->window, KITH_RECORD_PROJECT);
  value[0] = bare[0] = deals;
  wait_until (list_shows_text, value);
  wait_until (list_shows_text, bare);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/company-people/deal-value-in-list", Fixture, NULL, fixture_set_up, test_deal_value_in_list,
              fixture_tear_down);

  return g_test_run ();
}
