package io.jitskit.agents.conversation;

import io.jitskit.agents.AgentRole;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.model.Message;
import io.jitskit.agents.model.ModelClient;
import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.model.ModelReply;
import io.jitskit.agents.model.ModelRequest;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One role's conversation with its model, kept across iterations.
 *
 * <p>Before each request whose estimated size (characters / 4 tokens) exceeds the context budget it trims: first
 * whole exchanges, oldest first, keeping the one in progress; then, inside that exchange, the content of old tool
 * results (a file read twenty turns ago), newest kept. The system prompt is never trimmed, and every exchange opens
 * with the latest brief and whiteboard, so what the role must remember survives. Not thread-safe: a role talks from
 * one thread.
 */
public final class RoleConversation {

    /** Tool results this recent are never elided. */
    private static final int KEEP_RECENT = 4;

    private final AgentRole role;
    private final String system;
    private final ModelClient client;
    private final CostLedger ledger;
    private final long contextChars;
    private final int maxTokens;
    private final Transcript transcript;
    private final List<Message> messages = new ArrayList<>();

    /**
     * @param contextTokens the most tokens a request may hold, the reply's {@code maxTokens} included
     */
    public RoleConversation(final AgentRole role, final String system, final ModelClient client,
                            final CostLedger ledger, final long contextTokens, final int maxTokens,
                            final Transcript transcript) {
        this.role = role;
        this.system = system;
        this.client = client;
        this.ledger = ledger;
        this.contextChars = Math.max(4_000, (contextTokens - maxTokens) * 4);
        this.maxTokens = maxTokens;
        this.transcript = transcript;
    }

    public AgentRole role() {
        return role;
    }

    public ModelClient client() {
        return client;
    }

    public Transcript transcript() {
        return transcript;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Opens an exchange (an iteration's question); merged into a trailing user turn so turns keep alternating. */
    public void open(final String text) {
        transcript.opened(text);
        final int last = messages.size() - 1;
        if (last >= 0 && messages.get(last).role() == Message.Role.USER) {
            final List<Part> parts = new ArrayList<>(messages.get(last).parts());
            parts.add(new Part.Text(text));
            messages.set(last, new Message(Message.Role.USER, parts));
        } else {
            messages.add(Message.user(text));
        }
    }

    /**
     * Sends the conversation and appends the reply.
     *
     * @param forcedTool a tool the model must call, or null
     */
    public ModelReply ask(final List<ToolSpec> tools, final String forcedTool) throws ModelException {
        final int trimmed = trim(tools);
        final ModelRequest request = new ModelRequest(system, messages, tools, forcedTool, maxTokens);
        final ModelReply reply = client.send(request);
        messages.add(reply.asMessage());
        final double usd = ledger.charge(role, reply.model(), reply.usage());
        transcript.replied(reply, request.chars(), trimmed, usd);
        return reply;
    }

    /** Returns tool results to the model (the user turn after a reply with tool calls). */
    public void answer(final List<Part.ToolResult> results, final List<String> toolNames) {
        for (int i = 0; i < results.size(); i++) {
            transcript.toolResult(toolNames.get(i), results.get(i));
        }
        messages.add(new Message(Message.Role.USER, List.copyOf(results)));
    }

    /** @return how many messages were dropped or elided */
    int trim(final List<ToolSpec> tools) {
        int trimmed = 0;
        while (size(tools) > contextChars) {
            final int next = nextExchangeStart();
            if (next <= 0) {
                break;
            }
            messages.subList(0, next).clear();
            trimmed += next;
            dropOrphanedResults();
        }
        for (int i = 0; i < messages.size() - KEEP_RECENT && size(tools) > contextChars; i++) {
            final Message m = messages.get(i);
            final List<Part> parts = new ArrayList<>();
            boolean changed = false;
            for (final Part p : m.parts()) {
                if (p instanceof Part.ToolResult r && r.content().length() > 200) {
                    parts.add(new Part.ToolResult(r.callId(), "[elided to fit the context: " + r.content().length()
                        + " chars; call the tool again if you need it]", r.error()));
                    changed = true;
                } else {
                    parts.add(p);
                }
            }
            if (changed) {
                messages.set(i, new Message(m.role(), parts));
                trimmed++;
            }
        }
        return trimmed;
    }

    private long size(final List<ToolSpec> tools) {
        return new ModelRequest(system, messages, tools, null, maxTokens).chars();
    }

    /** Index of the second exchange's first message, or -1 when only one exchange is left. */
    private int nextExchangeStart() {
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i).opensExchange()) {
                return i;
            }
        }
        return -1;
    }

    /** The first message may now answer calls that were dropped with the previous exchange: keep only its text. */
    private void dropOrphanedResults() {
        final Message first = messages.getFirst();
        final List<Part> text = first.parts().stream().filter(p -> p instanceof Part.Text).toList();
        if (text.size() != first.parts().size()) {
            messages.set(0, new Message(Message.Role.USER, text));
        }
    }
}
