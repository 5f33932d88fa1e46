/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The composer's widgets in a window of their own, under Xvfb, driven with real keys and clicks:
 * the address field (completion of people and companies from the store, chips made by commas,
 * pasting, Backspace and ×, an address that is not one) and the formatted body.
 */

#include <adwaita.h>

#include "kith-address-entry.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"

typedef struct {
  KithTestStore *t;
  GtkWindow     *window;
  GtkWidget     *entry;   /* the address field */
  GtkWidget     *next;    /* a field after it, for the keyboard to leave to */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  f->t = gui_test_store_new ();
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [\"ann.lee@example.com\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Annabel Smith\", \"emails\": [\"annabel@example.org\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\", \"emails\": [\"bob@example.net\"]}");
  seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Annex Works\", \"emails\": [\"office@annex.example\"]}");

  f->entry = kith_address_entry_new (f->t->store);
  f->next = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), f->entry);
  gtk_box_append (GTK_BOX (box), f->next);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 480, 300);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
  wait_until (is_mapped, f->entry);
  focus_window (f->entry);
  click (f->entry);
  wait_until (has_focus_within, f->entry);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* The texts of the chips on screen, joined by " | " */
static void
collect_chips (GtkWidget *widget,
               GString   *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "address-chip"))
        {
          GtkWidget *label = find_widget (child, GTK_TYPE_LABEL, NULL);

          if (gtk_widget_get_mapped (label))
            g_string_append_printf (texts, "%s%s", texts->len > 0 ? " | " : "", gtk_label_get_text (GTK_LABEL (label)));
          continue;
        }
      collect_chips (child, texts);
    }
}

static char *
chips_shown (Fixture *f)
{
  GString *texts = g_string_new (NULL);

  collect_chips (f->entry, texts);
  return g_string_free (texts, FALSE);
}

typedef struct {
  Fixture    *f;
  const char *expected;
} ChipsWait;

static gboolean
chips_are (gpointer data)
{
  ChipsWait *wait = data;
  g_autofree char *shown = chips_shown (wait->f);

  return g_str_equal (shown, wait->expected);
}

#define wait_for_chips(fixture, text) \
  G_STMT_START { ChipsWait w_ = { (fixture), (text) }; wait_until (chips_are, &w_); } G_STMT_END

static GtkWidget *
chip_at (Fixture *f,
         guint    index)
{
  GtkWidget *flow = find_widget (f->entry, GTK_TYPE_FLOW_BOX, NULL);
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (flow), index);

  g_assert_nonnull (child);
  return gtk_flow_box_child_get_child (child);
}

static GtkWidget *
results_popover (Fixture *f)
{
  return find_widget (f->entry, GTK_TYPE_POPOVER, NULL);
}

static void
wait_for_offer (Fixture    *f,
                const char *text)
{
  gpointer args[] = { results_popover (f), (gpointer) text };

  wait_until (label_shown, args);
}

static gboolean
typed_text_is_empty (gpointer data)
{
  GtkWidget *text = find_widget (data, GTK_TYPE_TEXT, NULL);

  return *gtk_editable_get_text (GTK_EDITABLE (text)) == '\0';
}

static void
assert_addresses (Fixture            *f,
                  const char * const *expected)
{
  g_auto(GStrv) addresses = NULL;

  g_object_get (f->entry, "addresses", &addresses, NULL);
  g_assert_cmpstrv (addresses, expected);
}

/* A name's prefix offers the people it starts; Enter takes the first, Down and Tab the next */
static void
test_complete_name (Fixture       *f,
                    gconstpointer  data)
{
  type_text ("ann");
  wait_for_offer (f, "Ann Lee");
  wait_for_offer (f, "Annabel Smith");
  wait_for_offer (f, "Annex Works");
  press_keys ("Return");
  wait_for_chips (f, "Ann Lee <ann.lee@example.com>");
  wait_until (popover_closed, results_popover (f));
  g_assert_true (typed_text_is_empty (f->entry));

  type_text ("Ann");
  wait_for_offer (f, "Annabel Smith");
  press_keys ("Down");
  press_keys ("Tab");
  wait_for_chips (f, "Ann Lee <ann.lee@example.com> | Annabel Smith <annabel@example.org>");
  /* Tab chose: the keyboard is still in the field */
  g_assert_true (has_focus_within (f->entry));

  assert_addresses (f, (const char *[]) { "Ann Lee <ann.lee@example.com>", "Annabel Smith <annabel@example.org>", NULL });
}

/* The start of an email, past its '@', finds its person; Escape dismisses the offer and the
 * text stays as typed */
static void
test_complete_email (Fixture       *f,
                     gconstpointer  data)
{
  type_text ("bob@exa");
  wait_for_offer (f, "Bob Stone");
  press_keys ("Escape");
  wait_until (popover_closed, results_popover (f));
  wait_for_chips (f, "");

  type_text ("m");
  wait_for_offer (f, "bob@example.net");
  press_keys ("Return");
  wait_for_chips (f, "Bob Stone <bob@example.net>");
}

/* A comma or semicolon ends an address; the keyboard leaving ends the last one */
static void
test_separators (Fixture       *f,
                 gconstpointer  data)
{
  type_text ("x@one.example, y@two.example;");
  wait_for_chips (f, "x@one.example | y@two.example");
  g_assert_true (typed_text_is_empty (f->entry));

  type_text ("z@three.example");
  press_keys ("Escape");
  press_keys ("Tab");
  wait_until (has_focus_within, f->next);
  wait_for_chips (f, "x@one.example | y@two.example | z@three.example");
}

/* Two addresses pasted at once are two chips */
static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (f->entry);

  gdk_clipboard_set_text (clipboard, "a@x.com, Bob <b@y.org>");
  press_keys ("ctrl+v");
  wait_for_chips (f, "a@x.com | Bob <b@y.org>");
  g_assert_true (typed_text_is_empty (f->entry));
  assert_addresses (f, (const char *[]) { "a@x.com", "Bob <b@y.org>", NULL });
}

static gboolean
is_selected (gpointer data)
{
  return gtk_widget_has_css_class (data, "selected");
}

/* Backspace in the empty field selects the last chip, then removes it; × removes a chip */
static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *remove;

  type_text ("a@x.com, b@y.org, c@z.org,");
  wait_for_chips (f, "a@x.com | b@y.org | c@z.org");

  press_keys ("BackSpace");
  wait_until (is_selected, chip_at (f, 2));
  wait_for_chips (f, "a@x.com | b@y.org | c@z.org");
  press_keys ("BackSpace");
  wait_for_chips (f, "a@x.com | b@y.org");

  remove = find_widget (chip_at (f, 0), GTK_TYPE_BUTTON, NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove “a@x.com”");
  click_when_still (remove);
  wait_for_chips (f, "b@y.org");
  assert_addresses (f, (const char *[]) { "b@y.org", NULL });
}

/* What is not an address is shown in the error style, says why, and is what blocks Send */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *label;

  type_text ("ann.lee@example.com, not an address,");
  wait_for_chips (f, "ann.lee@example.com | not an address");

  g_assert_false (gtk_widget_has_css_class (chip_at (f, 0), "error"));
  g_assert_true (gtk_widget_has_css_class (chip_at (f, 1), "error"));
  label = find_widget (chip_at (f, 1), GTK_TYPE_LABEL, NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, "“not an address” is not an email address");
  g_assert_cmpstr (kith_address_entry_get_invalid (KITH_ADDRESS_ENTRY (f->entry)), ==, "not an address");

  press_keys ("BackSpace");
  press_keys ("BackSpace");
  wait_for_chips (f, "ann.lee@example.com");
  g_assert_null (kith_address_entry_get_invalid (KITH_ADDRESS_ENTRY (f->entry)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  gui_test_init (&argc, &argv);
  /* Drawn as in the application, which loads its style sheet from the resources */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/kithcrm/Kith/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/compose/address/complete-name", Fixture, NULL, fixture_set_up, test_complete_name, fixture_tear_down);
  g_test_add ("/compose/address/complete-email", Fixture, NULL, fixture_set_up, test_complete_email, fixture_tear_down);
  g_test_add ("/compose/address/separators", Fixture, NULL, fixture_set_up, test_separators, fixture_tear_down);
  g_test_add ("/compose/address/paste", Fixture, NULL, fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/compose/address/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/compose/address/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);

  return g_test_run ();
}
