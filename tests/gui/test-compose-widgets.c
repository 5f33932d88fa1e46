/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The composer's widgets in a window of their own, under Xvfb, driven with real keys and clicks:
 * the address field (completion of people and companies from the store, chips made by commas,
 * pasting, Backspace and ×, an address that is not one) and the formatted body.
 */

#include <adwaita.h>

#include "kith-address-entry.h"
#include "kith-rich-text.h"
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

/* A name's prefix offers the people and companies it starts; Enter takes the first; who is
 * chosen is not offered again; Up, Down and Tab choose among the others */
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

  /* Ann Lee is chosen: Annabel Smith comes first now */
  type_text ("Ann");
  wait_for_offer (f, "Annabel Smith");
  g_assert_null (find_widget (results_popover (f), GTK_TYPE_LABEL, "Ann Lee"));
  press_keys ("Down");
  press_keys ("Up");
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

/* A click on an offered person chooses them, and the keyboard stays in the field */
static void
test_click_offer (Fixture       *f,
                  gconstpointer  data)
{
  type_text ("sto");
  wait_for_offer (f, "Bob Stone");
  click_when_still (find_widget (results_popover (f), GTK_TYPE_LABEL, "Bob Stone"));
  wait_for_chips (f, "Bob Stone <bob@example.net>");
  wait_until (popover_closed, results_popover (f));
  g_assert_true (typed_text_is_empty (f->entry));
  g_assert_true (has_focus_within (f->entry));
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

typedef struct {
  GtkWindow *window;
  GtkWidget *text;      /* the body */
  GtkWidget *bullets;   /* a toolbar's toggle for rich.bullets */
} RichFixture;

static void
rich_set_up (RichFixture   *f,
             gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->text = kith_rich_text_new ();
  f->bullets = gtk_toggle_button_new_with_label ("Bullets");
  gtk_widget_set_focus_on_click (f->bullets, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (f->bullets), "rich.bullets");
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), f->text);
  gtk_box_append (GTK_BOX (box), f->bullets);
  gtk_box_append (GTK_BOX (box), scrolled);

  f->window = GTK_WINDOW (gtk_window_new ());
  /* As the composer does for its toolbar */
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "rich", kith_rich_text_get_actions (KITH_RICH_TEXT (f->text)));
  gtk_window_set_default_size (f->window, 480, 300);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
  wait_until (is_mapped, f->text);
  focus_window (f->text);
  click (f->text);
  wait_until (has_focus_within, f->text);
}

static void
rich_tear_down (RichFixture   *f,
                gconstpointer  data)
{
  close_window (f->window);
}

typedef struct {
  RichFixture *f;
  const char  *expected;
} TextWait;

static gboolean
plain_text_is (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = kith_rich_text_get_text (KITH_RICH_TEXT (wait->f->text));

  return g_str_equal (text, wait->expected);
}

/* Keys go through the X server: the text is complete once it shows all that was typed */
#define wait_for_text(fixture, text) \
  G_STMT_START { TextWait w_ = { (fixture), (text) }; wait_until (plain_text_is, &w_); } G_STMT_END

static void
assert_html (RichFixture *f,
             const char  *expected)
{
  g_autofree char *html = kith_rich_text_get_html (KITH_RICH_TEXT (f->text));

  g_assert_cmpstr (html, ==, expected);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static gboolean
has_changed (gpointer data)
{
  return *(guint *) data > 0;
}

/* Ctrl+B around typed words makes them bold; Ctrl+I on a selected word makes it italic, and
 * the plain text says the same words */
static void
test_bold_italic (RichFixture   *f,
                  gconstpointer  data)
{
  guint changes = 0;

  type_text ("Hello ");
  press_keys ("ctrl+b");
  type_text ("bold");
  press_keys ("ctrl+b");
  type_text (" world");
  wait_for_text (f, "Hello bold world");
  assert_html (f, "<p>Hello <b>bold</b> world</p>");

  /* Formatting alone is a change, for the draft to be saved */
  g_signal_connect_swapped (f->text, "changed", G_CALLBACK (count_change), &changes);
  press_keys ("shift+ctrl+Left");
  press_keys ("ctrl+i");
  wait_until (has_changed, &changes);
  /* At the end of the italic word typing goes on in italic, until Ctrl+I */
  press_keys ("End");
  type_text (".");
  press_keys ("ctrl+i");
  type_text ("!");
  wait_for_text (f, "Hello bold world.!");
  assert_html (f, "<p>Hello <b>bold</b> <i>world.</i>!</p>");
  g_signal_handlers_disconnect_by_data (f->text, &changes);
}

/* Two spaces in a row stay two in the HTML part, the second an &nbsp;, where the first ends
 * a bold word and the second is not bold; the third of three is one too */
static void
test_spaces_across_formatting (RichFixture   *f,
                               gconstpointer  data)
{
  type_text ("Hi ");
  press_keys ("ctrl+b");
  type_text ("Ann ");
  press_keys ("ctrl+b");
  type_text (" and   Bob");
  wait_for_text (f, "Hi Ann  and   Bob");
  assert_html (f, "<p>Hi <b>Ann </b>&nbsp;and &nbsp;&nbsp;Bob</p>");
}

/* The bullets toggle makes a list that Enter continues and an empty item ends; < and & are
 * text */
static void
test_bullets (RichFixture   *f,
              gconstpointer  data)
{
  type_text ("Fruit & more:");
  press_keys ("Return");
  click (f->bullets);
  wait_until ((Condition) gtk_toggle_button_get_active, f->bullets);
  type_text ("apple");
  press_keys ("Return");
  type_text ("pear <ripe>");
  press_keys ("Return");
  press_keys ("Return");
  type_text ("done");
  wait_for_text (f, "Fruit & more:\n- apple\n- pear <ripe>\ndone");
  assert_html (f, "<p>Fruit &amp; more:</p><ul><li>apple</li><li>pear &lt;ripe&gt;</li></ul><p>done</p>");
  /* The toolbar shows the cursor's line is not bulleted */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->bullets)));
}

static gboolean
popover_entry_focused (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

/* Ctrl+K on a selected word asks for the address it links to */
static void
test_link (RichFixture   *f,
           gconstpointer  data)
{
  type_text ("See Kith");
  press_keys ("shift+ctrl+Left");
  press_keys ("ctrl+k");
  wait_until (popover_entry_focused, f->text);
  type_text ("kith.example/about");
  press_keys ("Return");
  wait_until (has_focus_within, f->text);
  type_text (" now");
  wait_for_text (f, "See Kith <https://kith.example/about> now");
  assert_html (f, "<p>See <a href=\"https://kith.example/about\">Kith</a> now</p>");
}

/* A draft's HTML reopens as it was saved (spaces in a row too); plain text only keeps what it
 * says */
static void
test_html_round_trip (RichFixture   *f,
                      gconstpointer  data)
{
  const char *html = "<p>Dear <b>Ann</b>,<br>see <a href=\"https://kith.example/?a=1&amp;b=2\">the <i>plan</i></a></p>"
                     "<p></p><ul><li>one</li><li><b>two</b> &lt;2&gt;</li></ul><p>Bye &nbsp;now</p>";

  kith_rich_text_set_html (KITH_RICH_TEXT (f->text), html);
  assert_html (f, html);
  wait_for_text (f, "Dear Ann,\nsee the plan <https://kith.example/?a=1&b=2>\n\n- one\n- two <2>\nBye  now");

  /* Typing goes on with the formatting at the cursor */
  press_keys ("ctrl+Home");
  press_keys ("ctrl+Right");
  press_keys ("ctrl+Right");
  type_text ("ie");
  wait_for_text (f, "Dear Annie,\nsee the plan <https://kith.example/?a=1&b=2>\n\n- one\n- two <2>\nBye  now");
  assert_html (f, "<p>Dear <b>Annie</b>,<br>see <a href=\"https://kith.example/?a=1&amp;b=2\">the <i>plan</i></a></p>"
                  "<p></p><ul><li>one</li><li><b>two</b> &lt;2&gt;</li></ul><p>Bye &nbsp;now</p>");

  kith_rich_text_set_plain_only (KITH_RICH_TEXT (f->text), TRUE);
  g_assert_null (kith_rich_text_get_html (KITH_RICH_TEXT (f->text)));
  wait_for_text (f, "Dear Annie,\nsee the plan <https://kith.example/?a=1&b=2>\n\n- one\n- two <2>\nBye  now");
}

/* A signature goes above the quote of a reply, and replaces the one put in before */
static void
test_signature (RichFixture   *f,
                gconstpointer  data)
{
  kith_rich_text_set_text (KITH_RICH_TEXT (f->text), "\n\nOn Monday, Ann wrote:\n> Hello");
  kith_rich_text_insert_signature (KITH_RICH_TEXT (f->text), "Bob\nKith Ltd", TRUE);
  wait_for_text (f, "\n\n-- \nBob\nKith Ltd\n\nOn Monday, Ann wrote:\n> Hello");
  kith_rich_text_insert_signature (KITH_RICH_TEXT (f->text), "Robert", TRUE);
  wait_for_text (f, "\n\n-- \nRobert\n\nOn Monday, Ann wrote:\n> Hello");

  /* The cursor stayed at the top */
  type_text ("Thanks");
  wait_for_text (f, "Thanks\n\n-- \nRobert\n\nOn Monday, Ann wrote:\n> Hello");

  kith_rich_text_set_text (KITH_RICH_TEXT (f->text), "");
  kith_rich_text_insert_signature (KITH_RICH_TEXT (f->text), "Bob", FALSE);
  wait_for_text (f, "\n\n-- \nBob");
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
  g_test_add ("/compose/address/click-offer", Fixture, NULL, fixture_set_up, test_click_offer, fixture_tear_down);
  g_test_add ("/compose/address/separators", Fixture, NULL, fixture_set_up, test_separators, fixture_tear_down);
  g_test_add ("/compose/address/paste", Fixture, NULL, fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/compose/address/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/compose/address/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);

  g_test_add ("/compose/rich/bold-italic", RichFixture, NULL, rich_set_up, test_bold_italic, rich_tear_down);
  g_test_add ("/compose/rich/spaces-across-formatting", RichFixture, NULL, rich_set_up, test_spaces_across_formatting,
              rich_tear_down);
  g_test_add ("/compose/rich/bullets", RichFixture, NULL, rich_set_up, test_bullets, rich_tear_down);
  g_test_add ("/compose/rich/link", RichFixture, NULL, rich_set_up, test_link, rich_tear_down);
  g_test_add ("/compose/rich/html-round-trip", RichFixture, NULL, rich_set_up, test_html_round_trip, rich_tear_down);
  g_test_add ("/compose/rich/signature", RichFixture, NULL, rich_set_up, test_signature, rich_tear_down);

  return g_test_run ();
}
