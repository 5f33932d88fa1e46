/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithRichText: the composer's body, a GtkTextView with bold, italic, links and bulleted lines
 * (kith-rich-text-format.h says how they are kept in the buffer, and writes them out as HTML
 * and as plain text). It has no template: its only child, the link popover, is made when Ctrl+K
 * first asks for it.
 *
 * The formatting at the cursor is three properties, `bold`, `italic` and `bullets`, each the
 * state of an action of the group kith_rich_text_get_actions() returns (bold, italic, bullets;
 * link asks for a link's address). The view has the group as "rich", so Ctrl+B, Ctrl+I and
 * Ctrl+K reach rich.bold, rich.italic and rich.link; a toolbar elsewhere in the window names
 * the same actions once the window has the group as "rich" too. Setting a property formats the
 * selection, or with none what is typed next.
 */

#define G_LOG_DOMAIN "KithRichText"

#include "config.h"

#include <string.h>

#include "kith-link-popover.h"
#include "kith-link-tag.h"
#include "kith-rich-text-format.h"
#include "kith-rich-text.h"

#define SIGNATURE_TAG "signature"

struct _KithRichText
{
  GtkTextView  parent_instance;

  GSimpleActionGroup *actions;   /* "rich": bold, italic, bullets, link */
  GtkWidget   *link_popover;
  GtkTextMark *link_start;   /* the text the link popover was opened for */
  GtkTextMark *link_end;

  gboolean     bold;         /* at the cursor, or for what is typed next */
  gboolean     italic;
  gboolean     bullets;      /* the cursor's line, or all the selected ones, are bulleted */
  gboolean     plain_only;
  guint        loading;      /* text put in by code, not typed: it takes no formatting */
};

G_DEFINE_FINAL_TYPE (KithRichText, kith_rich_text, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_BOLD,
  PROP_ITALIC,
  PROP_BULLETS,
  PROP_PLAIN_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkTextBuffer *
buffer_of (KithRichText *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static GtkTextTag *
tag_named (KithRichText *self,
           const char   *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (self)), name);
}

/* Whether all of the selection has @tag; with none, whether the character typed over does */
static gboolean
has_format (KithRichText *self,
            const char   *name)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextTag *tag = tag_named (self, name);
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return gtk_text_iter_backward_char (&start) && gtk_text_iter_has_tag (&start, tag);
  if (!gtk_text_iter_has_tag (&start, tag))
    return FALSE;
  gtk_text_iter_forward_to_tag_toggle (&start, tag);
  return gtk_text_iter_compare (&start, &end) >= 0;
}

static gboolean
lines_are_bulleted (KithRichText *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer_of (self), &start, &end);
  for (int line = gtk_text_iter_get_line (&start); line <= gtk_text_iter_get_line (&end); line++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line (buffer_of (self), &iter, line);
      if (!kith_rich_text_line_is_bullet (&iter))
        return FALSE;
    }
  return TRUE;
}

/* The formatting at the cursor changed: its property and its action's state follow */
static void
update_state (KithRichText *self,
              gboolean     *field,
              gboolean      value,
              int           prop)
{
  const char *name = g_param_spec_get_name (properties[prop]);

  if (*field == value)
    return;
  *field = value;
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), name)),
                             g_variant_new_boolean (value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The cursor moved: the toolbar shows the formatting there */
static void
on_mark_set_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                GtkTextMark   *mark,
                KithRichText  *self)
{
  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  update_state (self, &self->bold, has_format (self, KITH_RICH_TAG_BOLD), PROP_BOLD);
  update_state (self, &self->italic, has_format (self, KITH_RICH_TAG_ITALIC), PROP_ITALIC);
  update_state (self, &self->bullets, lines_are_bulleted (self), PROP_BULLETS);
}

/* The user changed the text or its formatting (the buffer's own "changed" is for text only):
 * what a draft's saving waits for */
static void
on_buffer_changed_cb (KithRichText *self)
{
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* What is typed takes the formatting in force, not its neighbours' */
static void
on_insert_text_cb (GtkTextBuffer *buffer,
                   GtkTextIter   *location,
                   const char    *text,
                   int            length,
                   KithRichText  *self)
{
  int offset = gtk_text_iter_get_offset (location);
  int start_offset = offset - (int) g_utf8_strlen (text, length);

  if (self->loading > 0 || self->plain_only)
    return;
  if (self->bold)
    kith_rich_text_apply_between (buffer, tag_named (self, KITH_RICH_TAG_BOLD), start_offset, offset);
  if (self->italic)
    kith_rich_text_apply_between (buffer, tag_named (self, KITH_RICH_TAG_ITALIC), start_offset, offset);
  /* Tags changed: the iter given to later handlers is made valid again */
  gtk_text_buffer_get_iter_at_offset (buffer, location, offset);
}

static void
set_format (KithRichText *self,
            const char   *name,
            gboolean     *field,
            gboolean      value,
            int           prop)
{
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (buffer_of (self), &start, &end))
    {
      if (value)
        gtk_text_buffer_apply_tag_by_name (buffer_of (self), name, &start, &end);
      else
        gtk_text_buffer_remove_tag_by_name (buffer_of (self), name, &start, &end);
    }
  update_state (self, field, value, prop);
}

static void
set_line_bullet (KithRichText *self,
                 int           line,
                 gboolean      bullet)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  if (kith_rich_text_line_is_bullet (&start) == bullet)
    return;
  self->loading++;
  if (bullet)
    kith_rich_text_insert_bullet (buffer, &start);
  else
    {
      end = start;
      gtk_text_iter_forward_chars (&end, g_utf8_strlen (KITH_RICH_BULLET, -1));
      gtk_text_buffer_delete (buffer, &start, &end);
    }
  self->loading--;
}

static void
set_bullets (KithRichText *self,
             gboolean      bullets)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;
  int first, last;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    set_line_bullet (self, line, bullets);
  gtk_text_buffer_end_user_action (buffer);
  update_state (self, &self->bullets, bullets, PROP_BULLETS);
}

static void
remove_link_tag (GtkTextTag *tag,
                 gpointer    data)
{
  KithRichText *self = data;
  GtkTextIter start, end;

  if (!KITH_IS_LINK_TAG (tag))
    return;
  /* Iters do not outlive a change of tags: taken again from the marks each time */
  gtk_text_buffer_get_iter_at_mark (buffer_of (self), &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer_of (self), &end, self->link_end);
  gtk_text_buffer_remove_tag (buffer_of (self), tag, &start, &end);
}

/* The address was given: the text it was asked for becomes a link to it; with no text, the
 * address itself is put in as the link */
static void
on_link_cb (KithRichText *self,
            const char   *url)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), remove_link_tag, self);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  if (*url != '\0' && gtk_text_iter_equal (&start, &end))
    {
      self->loading++;
      gtk_text_buffer_insert (buffer, &end, url, -1);
      self->loading--;
      gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
    }
  if (*url != '\0')
    gtk_text_buffer_apply_tag (buffer, kith_rich_text_link_tag (buffer, url), &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Where the popover points: the start of the text the link is for */
static void
point_at_link (KithRichText *self,
               GtkTextIter  *start)
{
  GdkRectangle rect;

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), start, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y,
                                         &rect.x, &rect.y);
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->link_popover), &rect);
}

static void
on_link_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  KithRichText *self = data;
  GtkWidget *widget = data;
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;

  if (self->link_popover == NULL)
    {
      self->link_popover = kith_link_popover_new ();
      gtk_widget_set_parent (self->link_popover, widget);
      g_signal_connect_swapped (self->link_popover, "link", G_CALLBACK (on_link_cb), self);
      /* Escape too gives the keyboard back to the text */
      g_signal_connect_swapped (self->link_popover, "closed", G_CALLBACK (gtk_widget_grab_focus), self);
    }
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_text_buffer_move_mark (buffer, self->link_start, &start);
  gtk_text_buffer_move_mark (buffer, self->link_end, &end);

  point_at_link (self, &start);
  gtk_popover_popup (GTK_POPOVER (self->link_popover));
  kith_link_popover_set_url (KITH_LINK_POPOVER (self->link_popover), kith_rich_text_iter_get_href (&start));
}

/* On a bulleted line, Enter starts the next item, or ends the list on an empty one; Backspace
 * just after a bullet takes it away */
static gboolean
on_key_pressed_cb (KithRichText    *self,
                   guint            keyval,
                   guint            keycode,
                   GdkModifierType  state)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter cursor, end;
  int bullet_length = g_utf8_strlen (KITH_RICH_BULLET, -1);

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 ||
      gtk_text_buffer_get_selection_bounds (buffer, &cursor, &end) ||
      !kith_rich_text_line_is_bullet (&cursor))
    return FALSE;

  if (keyval == GDK_KEY_BackSpace && gtk_text_iter_get_line_offset (&cursor) == bullet_length)
    {
      set_bullets (self, FALSE);
      return TRUE;
    }
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  end = cursor;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (gtk_text_iter_get_line_offset (&end) == bullet_length)
    {
      set_bullets (self, FALSE);
      return TRUE;
    }
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", -1, TRUE);
  set_bullets (self, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

/* The link popover is not laid out with the text: it is placed beside it */
static void
kith_rich_text_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  KithRichText *self = KITH_RICH_TEXT (widget);

  GTK_WIDGET_CLASS (kith_rich_text_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->link_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->link_popover));
}

static void
kith_rich_text_dispose (GObject *object)
{
  KithRichText *self = KITH_RICH_TEXT (object);

  g_clear_pointer (&self->link_popover, gtk_widget_unparent);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (kith_rich_text_parent_class)->dispose (object);
}

static void
kith_rich_text_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithRichText *self = KITH_RICH_TEXT (object);

  switch (prop_id)
    {
    case PROP_BOLD:
      g_value_set_boolean (value, self->bold);
      break;
    case PROP_ITALIC:
      g_value_set_boolean (value, self->italic);
      break;
    case PROP_BULLETS:
      g_value_set_boolean (value, self->bullets);
      break;
    case PROP_PLAIN_ONLY:
      g_value_set_boolean (value, self->plain_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_rich_text_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithRichText *self = KITH_RICH_TEXT (object);

  switch (prop_id)
    {
    case PROP_BOLD:
      set_format (self, KITH_RICH_TAG_BOLD, &self->bold, g_value_get_boolean (value), PROP_BOLD);
      break;
    case PROP_ITALIC:
      set_format (self, KITH_RICH_TAG_ITALIC, &self->italic, g_value_get_boolean (value), PROP_ITALIC);
      break;
    case PROP_BULLETS:
      set_bullets (self, g_value_get_boolean (value));
      break;
    case PROP_PLAIN_ONLY:
      kith_rich_text_set_plain_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_rich_text_class_init (KithRichTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_rich_text_dispose;
  object_class->get_property = kith_rich_text_get_property;
  object_class->set_property = kith_rich_text_set_property;
  widget_class->size_allocate = kith_rich_text_size_allocate;

  properties[PROP_BOLD] =
    g_param_spec_boolean ("bold", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITALIC] =
    g_param_spec_boolean ("italic", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BULLETS] =
    g_param_spec_boolean ("bullets", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Formatting off: the text is plain, get_html() returns NULL */
  properties[PROP_PLAIN_ONLY] =
    g_param_spec_boolean ("plain-only", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The text or its formatting changed, by the user's hand rather than set_text (), set_html
   * () or insert_signature () */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "rich.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "rich.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "rich.link", NULL);
}

/* rich.bold, rich.italic, rich.bullets toggled: their property formats the text */
static void
on_change_state_cb (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       data)
{
  g_object_set (data, g_action_get_name (G_ACTION (action)), g_variant_get_boolean (value), NULL);
}

static const GActionEntry actions[] = {
  { "bold", NULL, NULL, "false", on_change_state_cb },
  { "italic", NULL, NULL, "false", on_change_state_cb },
  { "bullets", NULL, NULL, "false", on_change_state_cb },
  { "link", on_link_activate_cb },
};

static void
kith_rich_text_init (KithRichText *self)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkTextIter start;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "rich", G_ACTION_GROUP (self->actions));

  kith_rich_text_ensure_tags (buffer);
  gtk_text_buffer_create_tag (buffer, SIGNATURE_TAG, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->link_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->link_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);

  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (on_insert_text_cb), self);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set_cb), self);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  g_signal_connect_data (buffer, "apply-tag", G_CALLBACK (on_buffer_changed_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (buffer, "remove-tag", G_CALLBACK (on_buffer_changed_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  /* Before the view's own handling of Enter and Backspace */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  /* Room around the text, as GNOME's editors leave; the composer may set others */
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), 12);
}

GtkWidget *
kith_rich_text_new (void)
{
  return g_object_new (KITH_TYPE_RICH_TEXT, NULL);
}

/**
 * kith_rich_text_get_actions:
 *
 * The view's actions, for a toolbar: gtk_widget_insert_action_group (window, "rich", group)
 * and its buttons name rich.bold, rich.italic, rich.bullets and rich.link.
 *
 * Returns: (transfer none): bold, italic and bullets (stateful, the formatting at the cursor)
 *   and link
 */
GActionGroup *
kith_rich_text_get_actions (KithRichText *self)
{
  g_return_val_if_fail (KITH_IS_RICH_TEXT (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * kith_rich_text_get_html:
 *
 * Returns: (transfer full) (nullable): the body as an HTML fragment; %NULL when it is plain
 *   text only
 */
char *
kith_rich_text_get_html (KithRichText *self)
{
  g_return_val_if_fail (KITH_IS_RICH_TEXT (self), NULL);

  if (self->plain_only)
    return NULL;
  return kith_rich_text_buffer_get_html (buffer_of (self));
}

/**
 * kith_rich_text_get_text:
 *
 * Returns: (transfer full): the body as plain text: bullets as "- ", links as "text <url>"
 */
char *
kith_rich_text_get_text (KithRichText *self)
{
  g_return_val_if_fail (KITH_IS_RICH_TEXT (self), NULL);

  return kith_rich_text_buffer_get_text (buffer_of (self));
}

/* Replaces the body; not something Undo takes back */
static void
replace_body (KithRichText *self,
              const char   *text,
              const char   *html)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start;

  self->loading++;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  if (html != NULL)
    kith_rich_text_buffer_insert_html (buffer, &start, html);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading--;
}

void
kith_rich_text_set_text (KithRichText *self,
                         const char   *text)
{
  g_return_if_fail (KITH_IS_RICH_TEXT (self));

  replace_body (self, text, NULL);
}

/* @html: of the subset get_html () writes, e.g. a draft's */
void
kith_rich_text_set_html (KithRichText *self,
                         const char   *html)
{
  g_return_if_fail (KITH_IS_RICH_TEXT (self));

  replace_body (self, NULL, html);
}

/* Where a signature goes above the quote: the first quoted line ("> "), or the line before it
 * when that introduces it ("On …, Ann wrote:"); FALSE when nothing is quoted */
static gboolean
find_quote (GtkTextBuffer *buffer,
            GtkTextIter   *iter)
{
  int n_lines = gtk_text_buffer_get_line_count (buffer);

  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_iter_at_line (buffer, iter, line);
      if (gtk_text_iter_get_char (iter) != '>')
        continue;
      if (line == 0)
        return TRUE;
      gtk_text_buffer_get_iter_at_line (buffer, iter, line - 1);
      end = *iter;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      text = gtk_text_iter_get_text (iter, &end);
      if (!g_str_has_suffix (g_strchomp (text), ":"))
        gtk_text_buffer_get_iter_at_line (buffer, iter, line);
      return TRUE;
    }
  return FALSE;
}

/* What goes before a signature put at @iter for a blank line above it; at the very top, a line
 * to type on as well */
static const char *
space_before (const GtkTextIter *iter)
{
  GtkTextIter before = *iter;

  if (gtk_text_iter_is_start (iter) || !gtk_text_iter_starts_line (iter))
    return "\n\n";
  gtk_text_iter_backward_line (&before);
  return gtk_text_iter_ends_line (&before) ? "" : "\n";
}

static void
remove_signature (KithRichText *self)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextTag *tag = tag_named (self, SIGNATURE_TAG);
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, tag) && !gtk_text_iter_forward_to_tag_toggle (&start, tag))
    return;
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, tag);
  gtk_text_buffer_delete (buffer, &start, &end);
}

/**
 * kith_rich_text_insert_signature:
 * @text: the signature, plain text
 * @above_quote: put it above a quoted message when there is one, else at the end
 *
 * Inserts "-- \n" and @text, a blank line from the text around it; a signature inserted before
 * (the From address changed) is replaced. The cursor stays where it was.
 */
void
kith_rich_text_insert_signature (KithRichText *self,
                                 const char   *text,
                                 gboolean      above_quote)
{
  GtkTextBuffer *buffer;
  g_autofree char *block = NULL;
  GtkTextMark *cursor;
  GtkTextIter iter, line_start;
  int offset;

  g_return_if_fail (KITH_IS_RICH_TEXT (self));
  g_return_if_fail (text != NULL);

  buffer = buffer_of (self);
  self->loading++;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  cursor = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  remove_signature (self);

  if (above_quote && find_quote (buffer, &iter))
    block = g_strdup_printf ("%s-- \n%s\n\n", space_before (&iter), text);
  else
    {
      gtk_text_buffer_get_end_iter (buffer, &iter);
      block = g_strdup_printf ("%s-- \n%s", space_before (&iter), text);
    }
  offset = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_insert (buffer, &iter, block, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &line_start, offset);
  gtk_text_buffer_apply_tag_by_name (buffer, SIGNATURE_TAG, &line_start, &iter);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, cursor);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_delete_mark (buffer, cursor);
  self->loading--;
}

/* Takes out the signature inserted last, if any: the sender chosen now has none */
void
kith_rich_text_remove_signature (KithRichText *self)
{
  g_return_if_fail (KITH_IS_RICH_TEXT (self));

  self->loading++;
  remove_signature (self);
  self->loading--;
}

/* Formatting off: the body becomes its plain text, and the formatting actions are disabled */
void
kith_rich_text_set_plain_only (KithRichText *self,
                               gboolean      plain_only)
{
  g_return_if_fail (KITH_IS_RICH_TEXT (self));

  plain_only = !!plain_only;
  if (self->plain_only == plain_only)
    return;
  if (plain_only)
    {
      g_autofree char *text = kith_rich_text_get_text (self);

      kith_rich_text_set_text (self, text);
    }
  self->plain_only = plain_only;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), actions[i].name)),
                                 !plain_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAIN_ONLY]);
}

gboolean
kith_rich_text_get_plain_only (KithRichText *self)
{
  g_return_val_if_fail (KITH_IS_RICH_TEXT (self), FALSE);

  return self->plain_only;
}
