/** A server's answer, read whole. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

export interface Sent {
  reply: Reply;
  /** Header values sent with the request: kept out of every error message. */
  secrets: string[];
}
